using Outlay.Core.Providers;

namespace Outlay.Sdk.Anthropic;

/// <summary>Turns the core's <see cref="ProviderUsage"/> and the caller's context into an Outlay event.</summary>
internal static class UsageEventMapper
{
    public static UsageEvent? ToEvent(ProviderUsage usage, AnthropicUsageContext? context, string status, long? measuredLatencyMs)
    {
        // The server drops an event without a model; there is nothing to price without one either.
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
            LatencyMs = context?.LatencyMs ?? measuredLatencyMs,
            Service = context?.Service,
            Environment = context?.Environment,
            KeyLabel = context?.KeyLabel,
            // A copy, so a caller changing its dictionary later cannot change a queued event; the SDK leaves out tags the server would refuse.
            Tags = context?.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags, StringComparer.Ordinal) : null,
        };
    }

    /// <summary>The caller's provider override, normalised; null lets the core adapter decide.</summary>
    public static string? Provider(AnthropicUsageContext? context) => ProviderNames.Normalise(context?.Provider);
}
