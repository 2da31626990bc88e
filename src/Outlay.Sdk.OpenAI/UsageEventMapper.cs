using Outlay.Core.Providers;

namespace Outlay.Sdk.OpenAI;

/// <summary>Turns the core's <see cref="ProviderUsage"/> plus the caller's context into an Outlay event.</summary>
internal static class UsageEventMapper
{
    public static UsageEvent? ToEvent(ProviderUsage usage, OpenAIUsageContext? context, string? status = null, long? measuredLatencyMs = null)
    {
        // The server drops an event without a model, so there is nothing worth sending.
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

            // A filtered copy: the caller may reuse its dictionary while the event waits to be sent.
            Tags = TagFilter.Accepted(context?.Tags),
        };
    }
}
