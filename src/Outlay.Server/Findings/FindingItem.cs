using System.Text.Json.Serialization;

namespace Outlay.Server.Findings;

/// <summary>One security finding as the API shows it. Findings never hold a secret value, so none can be shown.</summary>
internal sealed record FindingItem(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("service")] string? Service,
    [property: JsonPropertyName("environment")] string? Environment,
    [property: JsonPropertyName("key_id")] string? KeyId,
    [property: JsonPropertyName("at")] DateTimeOffset At);
