using Microsoft.Extensions.AI;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>Copies Microsoft.Extensions.AI <see cref="UsageDetails"/> onto an Outlay event.</summary>
internal static class UsageMapping
{
    // UsageDetails has no cache-write count; adapters that know one put it into AdditionalCounts under these names.
    // Anthropic's cache_creation_input_tokens is the total of 5-minute and 1-hour writes, hence the subtraction below.
    private static readonly string[] CacheWriteKeys = ["CacheCreationInputTokens", "cache_creation_input_tokens", "CacheWriteInputTokens"];
    private static readonly string[] CacheWrite1hKeys = ["CacheCreation.Ephemeral1hInputTokens", "ephemeral_1h_input_tokens"];

    /// <summary>
    /// Input and output as stated (MEAI counts cached input inside input and reasoning inside output, as Outlay does),
    /// cached input as cache reads, reasoning as reasoning. Nothing is set when <paramref name="usage"/> is null.
    /// </summary>
    public static void Apply(UsageDetails? usage, UsageEvent target)
    {
        if (usage is null)
        {
            return;
        }

        target.InputTokens = NonNegative(usage.InputTokenCount);
        target.OutputTokens = NonNegative(usage.OutputTokenCount);
        target.CacheReadTokens = NonNegative(usage.CachedInputTokenCount);
        target.ReasoningTokens = NonNegative(usage.ReasoningTokenCount);
        if (usage.AdditionalCounts is { } extra)
        {
            var oneHour = FirstOf(extra, CacheWrite1hKeys);
            target.CacheWrite1hTokens = oneHour;
            target.CacheWriteTokens = Math.Max(0, FirstOf(extra, CacheWriteKeys) - oneHour);
        }
    }

    private static long FirstOf(AdditionalPropertiesDictionary<long> counts, string[] keys)
    {
        foreach (var key in keys)
        {
            if (counts.TryGetValue(key, out var value))
            {
                return Math.Max(0, value);
            }
        }

        return 0;
    }

    private static long NonNegative(long? count) => count is > 0 ? count.Value : 0;
}
