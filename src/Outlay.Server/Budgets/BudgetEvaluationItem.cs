using System.Text.Json.Serialization;

namespace Outlay.Server.Budgets;

/// <summary>
/// A budget's standing in its current period. <c>forecast</c> is null when the scope has no spend history; <c>error</c>
/// says why a budget could not be evaluated (state <c>error</c>, e.g. its time zone is not known on this server), else null.
/// </summary>
internal sealed record BudgetEvaluationItem(
    [property: JsonPropertyName("period_start")] DateTimeOffset PeriodStart,
    [property: JsonPropertyName("period_end")] DateTimeOffset PeriodEnd,
    [property: JsonPropertyName("as_of")] DateTimeOffset AsOf,
    [property: JsonPropertyName("spent_usd")] decimal SpentUsd,
    [property: JsonPropertyName("spent_nano_usd")] long SpentNanoUsd,
    [property: JsonPropertyName("unpriced_events")] long UnpricedEvents,
    [property: JsonPropertyName("percentage")] decimal Percentage,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("thresholds_crossed")] IReadOnlyList<int> ThresholdsCrossed,
    [property: JsonPropertyName("forecast")] BudgetForecastItem? Forecast,
    [property: JsonPropertyName("forecast_explanation")] string ForecastExplanation,
    [property: JsonPropertyName("error")] string? Error = null);
