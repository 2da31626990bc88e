using System.Text.Json.Serialization;

namespace Outlay.Server.Prices;

/// <summary>
/// The body of <c>POST /api/v1/prices/reprice</c>. <c>from</c> is required; <c>to</c> defaults to now; both take the
/// forms of <c>/api/v1/spend</c> (ISO date or date-time, UTC unless it has an offset, or a duration back from now) and
/// are widened to whole hours, at most 400 days apart. <c>provider</c> and <c>model</c> (as stored) narrow it;
/// <c>dry_run</c> (default false) counts without writing. Unknown fields are refused.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record RepriceApiRequest(
    [property: JsonPropertyName("from")] string? From,
    [property: JsonPropertyName("to")] string? To,
    [property: JsonPropertyName("provider")] string? Provider,
    [property: JsonPropertyName("model")] string? Model,
    [property: JsonPropertyName("dry_run")] bool? DryRun);
