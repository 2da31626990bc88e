using Outlay.Core.Providers;

namespace Outlay.Sdk.Shared;

/// <summary>
/// Turns the core's <see cref="ProviderUsage"/> (what a provider adapter read from a result) plus what the caller
/// knows into an Outlay event. Compiled into each provider-SDK satellite as linked source, so the mapping is written
/// once without a shared package.
/// </summary>
internal static class ProviderUsageEvents
{
    /// <summary>The event to track, or null when the result names no model (nothing can be priced without one).</summary>
    public static UsageEvent? ToEvent(
        ProviderUsage usage,
        string? status,
        long? latencyMs,
        string? service,
        string? environment,
        string? keyLabel,
        IEnumerable<KeyValuePair<string, string>>? tags)
    {
        if (string.IsNullOrWhiteSpace(usage.Model))
        {
            return null;
        }

        var tokens = usage.Usage;
        return new UsageEvent
        {
            Provider = usage.Provider,
            Model = usage.Model,
            Operation = usage.Operation,
            InputTokens = tokens.InputTokens,
            OutputTokens = tokens.OutputTokens,
            CacheReadTokens = tokens.CacheReadTokens,
            CacheWriteTokens = tokens.CacheWriteTokens,
            CacheWrite1hTokens = tokens.CacheWrite1hTokens,
            ReasoningTokens = tokens.ReasoningTokens,
            ServiceTier = usage.ServiceTier,
            Status = status,
            LatencyMs = latencyMs,
            Service = service,
            Environment = environment,
            KeyLabel = keyLabel,

            // A copy: the caller may change its dictionary while the event waits to be sent. The SDK leaves out
            // tags the server would refuse when it sends the event.
            Tags = tags is null ? null : CopyOrNull(tags),
        };
    }

    private static Dictionary<string, string>? CopyOrNull(IEnumerable<KeyValuePair<string, string>> tags)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            if (key is not null && value is not null)
            {
                copy[key] = value;
            }
        }

        return copy.Count == 0 ? null : copy;
    }
}
