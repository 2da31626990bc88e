using System.Text.Json.Serialization;

namespace Outlay.Server.Findings;

/// <summary>The answer of <c>GET /api/v1/findings</c>.</summary>
internal sealed record FindingListResponse([property: JsonPropertyName("findings")] IReadOnlyList<FindingItem> Findings);
