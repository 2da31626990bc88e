using System.Text.Json.Serialization;

namespace Outlay.Server.Budgets;

/// <summary>A budget as the read and admin API show it: its definition and its current evaluation.</summary>
internal sealed record BudgetItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("scope")] IReadOnlyList<string> Scope,
    [property: JsonPropertyName("amount_usd")] decimal AmountUsd,
    [property: JsonPropertyName("amount_nano_usd")] long AmountNanoUsd,
    [property: JsonPropertyName("period")] string Period,
    [property: JsonPropertyName("time_zone")] string? TimeZone,
    [property: JsonPropertyName("rolling_hours")] int? RollingHours,
    [property: JsonPropertyName("thresholds")] IReadOnlyList<int> Thresholds,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("evaluation")] BudgetEvaluationItem Evaluation);
