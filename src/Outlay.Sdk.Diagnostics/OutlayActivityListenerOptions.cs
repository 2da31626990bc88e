namespace Outlay.Sdk.Diagnostics;

/// <summary>Settings of an <see cref="OutlayActivityListener"/>; read once by <see cref="OutlayActivityListener.Start"/>.</summary>
public sealed class OutlayActivityListenerOptions
{
    /// <summary>
    /// The <see cref="System.Diagnostics.ActivitySource"/> names to listen to. A name ending in <c>*</c> matches every
    /// source starting with what precedes it; other names match exactly (ordinal). Default:
    /// <c>Experimental.Microsoft.Extensions.AI</c>, <c>Microsoft.Extensions.AI</c>, <c>OpenAI.*</c>,
    /// <c>Microsoft.SemanticKernel*</c> and <c>Azure.AI.Inference*</c>.
    /// </summary>
    public IList<string> SourceNames { get; } = new List<string>
    {
        "Experimental.Microsoft.Extensions.AI",
        "Microsoft.Extensions.AI",
        "OpenAI.*",
        "Microsoft.SemanticKernel*",
        "Azure.AI.Inference*",
    };

    /// <summary>
    /// Activity tags to copy into <see cref="UsageEvent.Tags"/>: activity tag name → Outlay tag key. The value is read
    /// from the activity's tags first, then from its baggage (<see cref="System.Diagnostics.Activity.GetBaggageItem"/>,
    /// which includes the ambient baggage of its parents). Only listed names are ever read. Default empty.
    /// Outlay keys must match <c>[a-z0-9_.-]{1,64}</c>, at most 24 entries; values are cut to 128 characters.
    /// Names that carry message content (<c>gen_ai.input.messages</c>, <c>gen_ai.prompt*</c> and the like) are refused.
    /// </summary>
    public IDictionary<string, string> TagAttributes { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>A label naming the provider credential behind these calls (never the key). Default <see langword="null"/>.</summary>
    public string? KeyLabel { get; set; }

    /// <summary>The service to report. Default <see langword="null"/>: the client's <see cref="OutlayClientOptions.Service"/>.</summary>
    public string? Service { get; set; }

    /// <summary>The environment to report. Default <see langword="null"/>: the client's <see cref="OutlayClientOptions.Environment"/>.</summary>
    public string? Environment { get; set; }

    /// <summary>
    /// How long a stopped GenAI activity waits for a GenAI parent that reports the same call, so that the call is
    /// counted once. An activity still waiting after this (checked every half window) is recorded on its own.
    /// Default 2 seconds; must be positive.
    /// </summary>
    public TimeSpan MergeWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most activities held waiting for a parent at once; when full, the oldest is recorded on its own to make room.
    /// Default 1,000; must be positive.
    /// </summary>
    public int MaxPendingActivities { get; set; } = 1000;
}
