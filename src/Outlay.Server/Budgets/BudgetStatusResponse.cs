using System.Text.Json.Serialization;

namespace Outlay.Server.Budgets;

/// <summary>The answer of <c>GET /api/v1/budgets/status</c>.</summary>
internal sealed record BudgetStatusResponse(
    [property: JsonPropertyName("as_of")] DateTimeOffset AsOf,
    [property: JsonPropertyName("budgets")] IReadOnlyList<BudgetStatusItem> Budgets);
