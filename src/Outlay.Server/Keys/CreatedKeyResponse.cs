using System.Text.Json.Serialization;

namespace Outlay.Server.Keys;

/// <summary>The answer of <c>POST /api/v1/keys</c>: the key text, shown this once and never again.</summary>
internal sealed record CreatedKeyResponse(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("id")] string Id);
