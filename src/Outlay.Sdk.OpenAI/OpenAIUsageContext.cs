namespace Outlay.Sdk.OpenAI;

/// <summary>
/// What an OpenAI SDK result cannot say about itself: who made the call, under which credential, with which tags.
/// Every property is optional; pass <see langword="null"/> for the whole context to send none of them.
/// </summary>
public sealed class OpenAIUsageContext
{
    /// <summary>
    /// Free-form dimensions such as <c>feature</c> or <c>customer</c> (at most 24; keys <c>[a-z0-9_.-]{1,64}</c>;
    /// values at most 128 printable characters). Tags outside these rules are left out rather than losing the event
    /// to the server's refusal. Default <see langword="null"/> (no tags).
    /// </summary>
    public IDictionary<string, string>? Tags { get; init; }

    /// <summary>A label naming the provider credential in use, never the key itself. Default <see langword="null"/>.</summary>
    public string? KeyLabel { get; init; }

    /// <summary>
    /// How long the call took, in milliseconds. Default <see langword="null"/>: not sent, except by
    /// <see cref="OutlayOpenAIExtensions.TrackStreamingUsage(OutlayClient, IAsyncEnumerable{global::OpenAI.Chat.StreamingChatCompletionUpdate}, OpenAIUsageContext?)"/>,
    /// which then measures the enumeration itself.
    /// </summary>
    public long? LatencyMs { get; init; }

    /// <summary>
    /// The provider to report, for example <c>azure</c> when Azure OpenAI is called through this SDK (OpenTelemetry
    /// spellings such as <c>azure.ai.openai</c> are accepted). Default <see langword="null"/>: <c>openai</c>.
    /// </summary>
    public string? Provider { get; init; }

    /// <summary>The calling service. Default <see langword="null"/>: <see cref="OutlayClientOptions.Service"/> is sent instead.</summary>
    public string? Service { get; init; }

    /// <summary>The deployment environment. Default <see langword="null"/>: <see cref="OutlayClientOptions.Environment"/> is sent instead.</summary>
    public string? Environment { get; init; }
}
