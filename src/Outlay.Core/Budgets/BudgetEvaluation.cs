using Outlay.Core.Forecasting;

namespace Outlay.Core.Budgets;

/// <summary>A budget's standing in its current period.</summary>
/// <param name="Budget">The budget evaluated.</param>
/// <param name="Period">The current period, [Start, End).</param>
/// <param name="AsOf">The instant of the evaluation.</param>
/// <param name="SpentNanoUsd">Spend in scope in the period so far, from the same rollups as reports.</param>
/// <param name="UnpricedEvents">Events in scope without a price: counted here, not costed at $0.</param>
/// <param name="Percentage">Spent ÷ amount × 100, rounded half away from zero to 2 decimals (the state uses the exact value).</param>
/// <param name="State">Ok, warning or exceeded.</param>
/// <param name="ThresholdsCrossed">Thresholds the exact spend has reached, ascending.</param>
/// <param name="Forecast">Projection to the period's end, or null when the scope has no spend history at all.</param>
/// <param name="ForecastPercentage">Projected ÷ amount × 100 (2 decimals), or null without a forecast.</param>
/// <param name="ForecastExplanation">How the forecast was made, in one or two sentences a person can check.</param>
public sealed record BudgetEvaluation(
    BudgetDefinition Budget,
    SpendPeriod Period,
    DateTimeOffset AsOf,
    long SpentNanoUsd,
    long UnpricedEvents,
    decimal Percentage,
    BudgetState State,
    IReadOnlyList<int> ThresholdsCrossed,
    SpendForecast? Forecast,
    decimal? ForecastPercentage,
    string ForecastExplanation)
{
    /// <summary>
    /// Why the budget could not be evaluated (e.g. "time zone X is not known on this server"), or null. With an error
    /// the state is <see cref="BudgetState.Error"/>, nothing is spent or crossed, and no alert is due.
    /// </summary>
    public string? Error { get; init; }
}
