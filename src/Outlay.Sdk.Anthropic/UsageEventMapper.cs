using Outlay.Core.Providers;
using Outlay.Sdk.Shared;

namespace Outlay.Sdk.Anthropic;

/// <summary>Applies an <see cref="AnthropicUsageContext"/> to the shared usage → event mapping.</summary>
internal static class UsageEventMapper
{
    public static UsageEvent? ToEvent(ProviderUsage usage, AnthropicUsageContext? context, string status, long? measuredLatencyMs) =>
        ProviderUsageEvents.ToEvent(usage, status, context?.LatencyMs ?? measuredLatencyMs, context?.Service, context?.Environment, context?.KeyLabel, context?.Tags);

    /// <summary>The caller's provider override, normalised; null lets the core adapter decide.</summary>
    public static string? Provider(AnthropicUsageContext? context) => ProviderNames.Normalise(context?.Provider);
}
