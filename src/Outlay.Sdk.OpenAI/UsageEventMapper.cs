using Outlay.Core.Providers;
using Outlay.Sdk.Shared;

namespace Outlay.Sdk.OpenAI;

/// <summary>Applies an <see cref="OpenAIUsageContext"/> to the shared usage → event mapping.</summary>
internal static class UsageEventMapper
{
    public static UsageEvent? ToEvent(ProviderUsage usage, OpenAIUsageContext? context, string? status = null, long? measuredLatencyMs = null) =>
        ProviderUsageEvents.ToEvent(usage, status, context?.LatencyMs ?? measuredLatencyMs, context?.Service, context?.Environment, context?.KeyLabel, context?.Tags);
}
