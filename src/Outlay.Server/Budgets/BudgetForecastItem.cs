using System.Text.Json.Serialization;

namespace Outlay.Server.Budgets;

/// <summary>The projection of a budget's spend to its period's end, with how it was made.</summary>
internal sealed record BudgetForecastItem(
    [property: JsonPropertyName("projected_usd")] decimal ProjectedUsd,
    [property: JsonPropertyName("projected_nano_usd")] long ProjectedNanoUsd,
    [property: JsonPropertyName("projected_percentage")] decimal ProjectedPercentage,
    [property: JsonPropertyName("rate_per_day_usd")] decimal RatePerDayUsd,
    [property: JsonPropertyName("basis_hours")] decimal BasisHours,
    [property: JsonPropertyName("remaining_hours")] decimal RemainingHours);
