using System.Text.Json.Serialization;

namespace Outlay.Server.Budgets;

/// <summary>The answer of <c>GET /api/v1/budgets</c>.</summary>
internal sealed record BudgetListResponse([property: JsonPropertyName("budgets")] IReadOnlyList<BudgetItem> Budgets);
