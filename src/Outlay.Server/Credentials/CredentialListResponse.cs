using System.Text.Json.Serialization;

namespace Outlay.Server.Credentials;

/// <summary>The answer of <c>GET /api/v1/credentials</c>: every key label of the project, by label.</summary>
internal sealed record CredentialListResponse(
    [property: JsonPropertyName("as_of")] DateTimeOffset AsOf,
    [property: JsonPropertyName("credentials")] IReadOnlyList<CredentialItem> Credentials);
