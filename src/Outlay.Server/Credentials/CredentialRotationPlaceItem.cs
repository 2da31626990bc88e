using System.Text.Json.Serialization;

namespace Outlay.Server.Credentials;

/// <summary>One place of a rotation: <c>status</c> is <c>not_moved</c>, <c>both</c> or <c>moved</c>, with each label's first and last use there.</summary>
internal sealed record CredentialRotationPlaceItem(
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("old_first_seen")] DateTimeOffset? OldFirstSeen,
    [property: JsonPropertyName("old_last_seen")] DateTimeOffset? OldLastSeen,
    [property: JsonPropertyName("new_first_seen")] DateTimeOffset? NewFirstSeen,
    [property: JsonPropertyName("new_last_seen")] DateTimeOffset? NewLastSeen);
