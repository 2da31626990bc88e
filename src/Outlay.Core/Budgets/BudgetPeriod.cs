namespace Outlay.Core.Budgets;

/// <summary>
/// A budget's period: a calendar <see cref="BudgetPeriodKind.Day"/>, <see cref="BudgetPeriodKind.Week"/> (Monday first),
/// <see cref="BudgetPeriodKind.Month"/> or <see cref="BudgetPeriodKind.Quarter"/> in <see cref="TimeZone"/>, or a
/// <see cref="BudgetPeriodKind.Rolling"/> window of <see cref="RollingHours"/> whole hours (null for calendar periods).
/// </summary>
public sealed record BudgetPeriod(BudgetPeriodKind Kind, TimeZoneInfo TimeZone, int? RollingHours)
{
    /// <summary>Shortest rolling window: 1 hour.</summary>
    public const int MinRollingHours = 1;

    /// <summary>Longest rolling window: 90 days (2,160 hours).</summary>
    public const int MaxRollingHours = 90 * 24;

    /// <summary>The period's name as written in the API and CLI: <c>day</c>, <c>week</c>, <c>month</c>, <c>quarter</c> or <c>rolling</c>.</summary>
    public string KindName => BudgetPeriodText.Format(Kind);

    /// <summary>
    /// The stored zone id when this host does not know it (a budget written elsewhere, or the host's zone data changed);
    /// null normally. <see cref="TimeZone"/> is then UTC only as a placeholder: the budget cannot be evaluated, and
    /// <see cref="BudgetEvaluator"/> reports it as an error instead.
    /// </summary>
    public string? UnknownTimeZoneId { get; init; }

    /// <summary>The zone id to show and store: <see cref="UnknownTimeZoneId"/> when set, else the zone's id.</summary>
    public string TimeZoneId => UnknownTimeZoneId ?? TimeZone.Id;
}
