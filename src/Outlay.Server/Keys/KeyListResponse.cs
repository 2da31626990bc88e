using System.Text.Json.Serialization;

namespace Outlay.Server.Keys;

/// <summary>The answer of <c>GET /api/v1/keys</c>.</summary>
internal sealed record KeyListResponse([property: JsonPropertyName("keys")] IReadOnlyList<KeyItem> Keys);
