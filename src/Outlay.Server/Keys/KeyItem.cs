using System.Text.Json.Serialization;

namespace Outlay.Server.Keys;

/// <summary>A key as the API lists it: never its text or hash.</summary>
internal sealed record KeyItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("environments")] IReadOnlyList<string> Environments,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt);
