using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>Maps the tier a provider names onto the v1 <see cref="ServiceTiers"/> values.</summary>
internal static class ServiceTierMapping
{
    /// <summary>
    /// <c>flex</c>, <c>priority</c> and <c>batch</c> keep their meaning (case-insensitive); everything else a
    /// provider states (<c>auto</c>, <c>default</c>, <c>scale</c>, <c>standard</c>, <c>on_demand</c>, unknown values) is
    /// <c>default</c>. Suffix matching also covers enum spellings such as <c>SERVICE_TIER_FLEX</c>. Null when the provider stated no tier.
    /// </summary>
    public static string? Map(string? providerTier)
    {
        if (providerTier is null)
        {
            return null;
        }

        var tier = providerTier.AsSpan().Trim();
        if (tier.EndsWith(ServiceTiers.Flex, StringComparison.OrdinalIgnoreCase))
        {
            return ServiceTiers.Flex;
        }

        if (tier.EndsWith(ServiceTiers.Priority, StringComparison.OrdinalIgnoreCase))
        {
            return ServiceTiers.Priority;
        }

        return tier.EndsWith(ServiceTiers.Batch, StringComparison.OrdinalIgnoreCase) ? ServiceTiers.Batch : ServiceTiers.Default;
    }
}
