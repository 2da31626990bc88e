using System.Text.Json.Serialization;

namespace Outlay.Server.Credentials;

/// <summary>One place (service × environment × instance × model) a key label was used; <c>used_after_retirement</c> is true when it saw the label at or after its retirement.</summary>
internal sealed record CredentialPlaceItem(
    [property: JsonPropertyName("service")] string Service,
    [property: JsonPropertyName("environment")] string Environment,
    [property: JsonPropertyName("instance")] string Instance,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("first_seen")] DateTimeOffset FirstSeen,
    [property: JsonPropertyName("last_seen")] DateTimeOffset LastSeen,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("used_after_retirement")] bool UsedAfterRetirement);
