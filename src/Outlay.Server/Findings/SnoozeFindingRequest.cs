using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outlay.Server.Findings;

/// <summary>
/// The body of <c>POST /api/v1/findings/{id}/snooze</c>: <c>{"for": "24h"}</c>, <c>{"until": "2026-12-01T09:00:00Z"}</c>
/// or <c>{"until": null}</c> to end a snooze. <see cref="Until"/> is a raw element so that an absent field
/// (<see cref="JsonValueKind.Undefined"/>) and an explicit null are told apart. Unknown fields are refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record SnoozeFindingRequest(
    [property: JsonPropertyName("until")] JsonElement Until,
    [property: JsonPropertyName("for")] string? For);
