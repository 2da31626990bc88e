using System.Text.Json.Serialization;

namespace Outlay.Server.Keys;

/// <summary>The body of <c>POST /api/v1/keys</c>. Unknown fields are refused.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CreateKeyRequest(
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("environments")] IReadOnlyList<string>? Environments,
    [property: JsonPropertyName("name")] string? Name);
