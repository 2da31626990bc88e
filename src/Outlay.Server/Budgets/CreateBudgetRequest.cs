using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outlay.Server.Budgets;

/// <summary>
/// The body of <c>POST /api/v1/budgets</c>. <c>amount</c> is USD as a JSON number or decimal string (<c>500</c>,
/// <c>"12.50"</c>); <c>period</c> defaults to <c>month</c> (<c>rolling</c> when only <c>rolling</c> is given);
/// <c>time_zone</c> defaults to UTC; <c>thresholds</c> to 50, 80, 100. Unknown fields are refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CreateBudgetRequest(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("amount")] JsonElement? Amount,
    [property: JsonPropertyName("period")] string? Period,
    [property: JsonPropertyName("time_zone")] string? TimeZone,
    [property: JsonPropertyName("rolling")] string? Rolling,
    [property: JsonPropertyName("scope")] IReadOnlyList<string>? Scope,
    [property: JsonPropertyName("thresholds")] IReadOnlyList<int>? Thresholds);
