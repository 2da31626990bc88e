using System.Text.Json.Serialization;

namespace Outlay.Server.Credentials;

/// <summary>One service, environment, instance or model a key label was used with ("" when unset).</summary>
internal sealed record CredentialSightingItem(
    [property: JsonPropertyName("value")] string Value,
    [property: JsonPropertyName("first_seen")] DateTimeOffset FirstSeen,
    [property: JsonPropertyName("last_seen")] DateTimeOffset LastSeen,
    [property: JsonPropertyName("events")] long Events);
