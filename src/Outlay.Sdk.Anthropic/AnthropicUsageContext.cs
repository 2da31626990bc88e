namespace Outlay.Sdk.Anthropic;

/// <summary>
/// What the Anthropic SDK's result does not say about a call: where it ran, which credential it used, how long it
/// took and the tags to report. Every property is optional.
/// </summary>
public sealed class AnthropicUsageContext
{
    /// <summary>
    /// The provider to report, e.g. <c>bedrock</c> or <c>vertex_ai</c> when the SDK talks to Claude through those
    /// (aliases such as <c>aws.bedrock</c> or <c>vertex</c> are normalised). Default <see langword="null"/>:
    /// <c>bedrock</c> for <c>msg_bdrk_</c> message ids, otherwise <c>anthropic</c>.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>
    /// Free-form dimensions such as <c>feature</c> or <c>customer</c>, copied when the event is recorded. Tags the server
    /// would refuse (keys outside <c>[a-z0-9_.-]{1,64}</c>, values over 128 characters, beyond 24 tags) are left out so
    /// the event itself is kept. Default <see langword="null"/> (no tags).
    /// </summary>
    public IReadOnlyDictionary<string, string>? Tags { get; set; }

    /// <summary>A label naming the Anthropic credential in use (never the key itself). Default <see langword="null"/>.</summary>
    public string? KeyLabel { get; set; }

    /// <summary>
    /// How long the call took, in milliseconds. Default <see langword="null"/>: not sent for a message; for a stream,
    /// the time from the start of enumeration to its end is sent instead.
    /// </summary>
    public long? LatencyMs { get; set; }

    /// <summary>The calling service. Default <see langword="null"/>: <see cref="OutlayClientOptions.Service"/> is sent instead.</summary>
    public string? Service { get; set; }

    /// <summary>The deployment environment. Default <see langword="null"/>: <see cref="OutlayClientOptions.Environment"/> is sent instead.</summary>
    public string? Environment { get; set; }
}
