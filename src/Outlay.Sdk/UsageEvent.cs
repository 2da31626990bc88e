namespace Outlay.Sdk;

/// <summary>
/// The metadata of one AI provider call, reported after the call returns (wire contract v1).
/// </summary>
/// <remarks>
/// There is deliberately no property for a prompt, a completion or an API key: the SDK never has them.
/// Do not change an event after passing it to <see cref="OutlayClient.Track"/>; the client keeps the
/// reference and serialises it later on its background loop.
/// </remarks>
public sealed class UsageEvent
{
    /// <summary>
    /// The event's unique id, used by the server to ignore retried duplicates. Default <see cref="Guid.Empty"/>:
    /// <see cref="OutlayClient.Track"/> then assigns a UUIDv7.
    /// </summary>
    public Guid Id { get; set; }

    /// <summary>When the call happened. Default <c>default(DateTimeOffset)</c>: set to the current time by <see cref="OutlayClient.Track"/>.</summary>
    public DateTimeOffset Timestamp { get; set; }

    /// <summary>The provider, for example <c>openai</c>, <c>anthropic</c>, <c>gemini</c>. Required; default empty (an event without it is dropped).</summary>
    public string Provider { get; set; } = string.Empty;

    /// <summary>The model as the provider reported it, for example <c>gpt-4o-mini-2024-07-18</c>. Required; default empty (an event without it is dropped).</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>The kind of call: <c>chat</c>, <c>responses</c>, <c>completion</c>, <c>embeddings</c>, <c>image</c>, <c>audio</c> or <c>other</c>. Default <c>chat</c>.</summary>
    public string Operation { get; set; } = "chat";

    /// <summary>All input tokens, cache reads and cache writes included. Default 0.</summary>
    public long InputTokens { get; set; }

    /// <summary>All output tokens, reasoning included. Default 0.</summary>
    public long OutputTokens { get; set; }

    /// <summary>Input tokens read from the provider's prompt cache. Default 0.</summary>
    public long CacheReadTokens { get; set; }

    /// <summary>Input tokens written to a 5-minute prompt cache. Default 0.</summary>
    public long CacheWriteTokens { get; set; }

    /// <summary>Input tokens written to a 1-hour prompt cache. Default 0.</summary>
    public long CacheWrite1hTokens { get; set; }

    /// <summary>Output tokens spent on reasoning. Default 0.</summary>
    public long ReasoningTokens { get; set; }

    /// <summary>The service tier: <c>default</c>, <c>batch</c>, <c>flex</c> or <c>priority</c>. Default <see langword="null"/> (the server assumes <c>default</c>).</summary>
    public string? ServiceTier { get; set; }

    /// <summary>The outcome: <c>ok</c>, <c>error</c> or <c>cancelled</c>. Default <see langword="null"/> (the server assumes <c>ok</c>).</summary>
    public string? Status { get; set; }

    /// <summary>How long the call took, in milliseconds. Default <see langword="null"/> (not sent).</summary>
    public long? LatencyMs { get; set; }

    /// <summary>The calling service. Default <see langword="null"/>: <see cref="OutlayClientOptions.Service"/> is sent instead.</summary>
    public string? Service { get; set; }

    /// <summary>The deployment environment. Default <see langword="null"/>: <see cref="OutlayClientOptions.Environment"/> is sent instead.</summary>
    public string? Environment { get; set; }

    /// <summary>The host or pod. Default <see langword="null"/>: <see cref="OutlayClientOptions.Instance"/> is sent instead.</summary>
    public string? Instance { get; set; }

    /// <summary>A label naming the provider credential in use (never the key itself). Default <see langword="null"/>.</summary>
    public string? KeyLabel { get; set; }

    /// <summary>
    /// Free-form dimensions such as <c>feature</c> or <c>customer</c> (at most 24; keys <c>[a-z0-9_.-]{1,64}</c>;
    /// values at most 128 characters). A tag outside these rules is left out when the event is sent (the server would
    /// otherwise refuse the whole event) and reported on the <c>Outlay-Sdk</c> event source. Default <see langword="null"/>.
    /// </summary>
    public IDictionary<string, string>? Tags { get; set; }

    /// <summary>The caller's own cost estimate in US dollars; the server prices every event itself. Default <see langword="null"/>.</summary>
    public decimal? CostUsd { get; set; }
}
