namespace Outlay.Sdk.Budgets;

/// <summary>
/// One budget as <see cref="OutlayBudgets"/> knows it from its local cache: never an amount or a spend, which the
/// server does not share with ingest keys.
/// </summary>
public sealed class BudgetStatus
{
    internal BudgetStatus(
        string name,
        BudgetState state,
        decimal? percentage,
        DateTimeOffset? asOf,
        bool isStale,
        IReadOnlyList<string> scope,
        string? period,
        DateTimeOffset? resetsAt,
        bool isFailClosed)
    {
        Name = name;
        State = state;
        Percentage = percentage;
        AsOf = asOf;
        IsStale = isStale;
        Scope = scope;
        Period = period;
        ResetsAt = resetsAt;
        IsFailClosed = isFailClosed;
    }

    /// <summary>The budget's name.</summary>
    public string Name { get; }

    /// <summary>The state the server last reported; <see cref="BudgetState.Unknown"/> when none was received for this budget.</summary>
    public BudgetState State { get; }

    /// <summary>Spent ÷ amount × 100 (2 decimals) as last reported; <see langword="null"/> when unknown.</summary>
    public decimal? Percentage { get; }

    /// <summary>When the server evaluated the status (its clock); <see langword="null"/> when unknown.</summary>
    public DateTimeOffset? AsOf { get; }

    /// <summary>
    /// Whether the status is too old to rely on: received longer ago than <see cref="OutlayClientOptions.BudgetStaleAfter"/>,
    /// or its calendar period has ended since (<see cref="ResetsAt"/> has passed). Always <see langword="true"/> when unknown.
    /// </summary>
    public bool IsStale { get; }

    /// <summary>The budget's filters as text (<c>environment:prod</c>, <c>tag.customer:acme|globex</c>); empty for the whole project or when unknown.</summary>
    public IReadOnlyList<string> Scope { get; }

    /// <summary><c>day</c>, <c>week</c>, <c>month</c>, <c>quarter</c> or <c>rolling</c>; <see langword="null"/> when unknown.</summary>
    public string? Period { get; }

    /// <summary>When the current calendar period ends; <see langword="null"/> for a rolling window or when unknown.</summary>
    public DateTimeOffset? ResetsAt { get; }

    /// <summary>Whether the budget is in <see cref="OutlayClientOptions.FailClosedBudgets"/>.</summary>
    public bool IsFailClosed { get; }

    /// <summary>
    /// The verdict <see cref="OutlayBudgets.IsExceeded(string)"/> gives: <see cref="BudgetState.Exceeded"/> and fresh; or
    /// unknown or stale when the budget fails closed. An unknown or stale status of a fail-open budget is not exceeded.
    /// </summary>
    public bool CountsAsExceeded => State == BudgetState.Unknown || IsStale ? IsFailClosed : State == BudgetState.Exceeded;

    /// <summary>For logs: name, state, percentage and staleness; never an amount.</summary>
    public override string ToString() =>
        FormattableString.Invariant($"{Name}: {State}{(Percentage is { } p ? $" ({p}%)" : string.Empty)}{(IsStale && State != BudgetState.Unknown ? ", stale" : string.Empty)}");
}
