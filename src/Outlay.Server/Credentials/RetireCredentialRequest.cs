using System.Text.Json.Serialization;

namespace Outlay.Server.Credentials;

/// <summary>
/// The body of <c>PUT /api/v1/credentials/{label}/retirement</c>: <c>retired_at</c> (ISO-8601, UTC unless an offset is
/// given, or a duration back from now such as <c>2h</c>; default now, at most 366 days ahead), <c>replaced_by</c> (the new
/// label, optional), <c>note</c> (at most 500 characters, optional). Unknown fields are refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record RetireCredentialRequest(
    [property: JsonPropertyName("retired_at")] string? RetiredAt,
    [property: JsonPropertyName("replaced_by")] string? ReplacedBy,
    [property: JsonPropertyName("note")] string? Note);
