using System.Text.Json.Serialization;

namespace Outlay.Server.Credentials;

/// <summary>One UTC day of a key label's spend (<c>day</c> is <c>yyyy-MM-dd</c>); only days with use appear.</summary>
internal sealed record CredentialDaySpendItem(
    [property: JsonPropertyName("day")] string Day,
    [property: JsonPropertyName("cost_usd")] decimal CostUsd,
    [property: JsonPropertyName("cost_nano_usd")] long CostNanoUsd,
    [property: JsonPropertyName("events")] long Events,
    [property: JsonPropertyName("unpriced_events")] long UnpricedEvents,
    [property: JsonPropertyName("input_tokens")] long InputTokens,
    [property: JsonPropertyName("output_tokens")] long OutputTokens);
