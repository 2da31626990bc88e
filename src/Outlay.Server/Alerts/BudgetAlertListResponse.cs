using System.Text.Json.Serialization;

namespace Outlay.Server.Alerts;

/// <summary>The answer of <c>GET /api/v1/alerts</c>: the project's alert history, newest first.</summary>
internal sealed record BudgetAlertListResponse([property: JsonPropertyName("alerts")] IReadOnlyList<BudgetAlertItem> Alerts);
