using System.Text.Json.Serialization;

namespace Outlay.Server.Prices;

/// <summary>What a re-pricing examined and changed; costs are sums of priced events only.</summary>
internal sealed record RepriceResponse(
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("dry_run")] bool DryRun,
    [property: JsonPropertyName("examined")] long Examined,
    [property: JsonPropertyName("changed")] long Changed,
    [property: JsonPropertyName("still_unpriced")] long StillUnpriced,
    [property: JsonPropertyName("cost_before_usd")] decimal CostBeforeUsd,
    [property: JsonPropertyName("cost_after_usd")] decimal CostAfterUsd,
    [property: JsonPropertyName("cost_change_usd")] decimal CostChangeUsd,
    [property: JsonPropertyName("cost_before_nano_usd")] long CostBeforeNanoUsd,
    [property: JsonPropertyName("cost_after_nano_usd")] long CostAfterNanoUsd);
