namespace Outlay.Core.Alerts;

/// <summary>
/// One fired budget alert. (<see cref="BudgetId"/>, <see cref="PeriodStart"/>, <see cref="Kind"/>, <see cref="Threshold"/>)
/// is unique in the store, so each alert fires once per period however many times or processes evaluate it.
/// </summary>
/// <param name="ProjectId">The budget's project.</param>
/// <param name="BudgetId">The budget.</param>
/// <param name="BudgetName">The budget's name when it fired (for history after a rename or delete).</param>
/// <param name="PeriodStart">Start of the period the alert belongs to (for rolling windows, the fixed window bucket; see <see cref="BudgetAlertPlanner"/>).</param>
/// <param name="Kind">Threshold or forecast.</param>
/// <param name="Threshold">The percentage reached; 100 for a forecast alert.</param>
/// <param name="FiredAt">When the alert was recorded.</param>
/// <param name="SpentNanoUsd">Spend in the period when it fired.</param>
/// <param name="AmountNanoUsd">The budget's amount when it fired.</param>
/// <param name="PercentText">Spent (threshold) or projected (forecast) percentage of the amount, two decimals, e.g. <c>81.25</c>.</param>
public sealed record BudgetAlert(
    string ProjectId,
    string BudgetId,
    string BudgetName,
    DateTimeOffset PeriodStart,
    BudgetAlertKind Kind,
    int Threshold,
    DateTimeOffset FiredAt,
    long SpentNanoUsd,
    long AmountNanoUsd,
    string PercentText)
{
    /// <summary>The kind as written in the store and API: <c>threshold</c> or <c>forecast</c>.</summary>
    public string KindName => Kind == BudgetAlertKind.Threshold ? "threshold" : "forecast";

    /// <summary>The alert's unique key in the store.</summary>
    public BudgetAlertKey Key => new(BudgetId, PeriodStart, Kind, Threshold);
}
