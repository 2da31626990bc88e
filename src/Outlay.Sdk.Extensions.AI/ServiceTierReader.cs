using Microsoft.Extensions.AI;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>Reads the service tier an adapter put into a response's additional properties, as an Outlay tier.</summary>
internal static class ServiceTierReader
{
    // Spellings adapters use: the .NET property name and the provider's JSON field name.
    private static readonly string[] Keys = ["ServiceTier", "service_tier", "serviceTier"];

    /// <summary>
    /// <c>flex</c>, <c>priority</c> and <c>batch</c> keep their meaning (case-insensitive, also as enum suffixes such as
    /// <c>SERVICE_TIER_FLEX</c>); any other stated tier (<c>auto</c>, <c>default</c>, <c>standard</c>, …) is <c>default</c>.
    /// Null when no tier is stated.
    /// </summary>
    public static string? Read(AdditionalPropertiesDictionary? properties)
    {
        if (properties is null)
        {
            return null;
        }

        foreach (var key in Keys)
        {
            if (properties.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } tier)
            {
                return Map(tier.Trim());
            }
        }

        return null;
    }

    private static string Map(string tier) =>
        tier.EndsWith("flex", StringComparison.OrdinalIgnoreCase) ? "flex"
        : tier.EndsWith("priority", StringComparison.OrdinalIgnoreCase) ? "priority"
        : tier.EndsWith("batch", StringComparison.OrdinalIgnoreCase) ? "batch"
        : "default";
}
