using Outlay.Core.Events;

namespace Outlay.Storage.Relational;

/// <summary>
/// What an upgrade needs of an event already stored: its rollup row, price entry ('' when unpriced), cost and
/// token counts.
/// </summary>
internal sealed record StoredEvent(RollupKey Key, string PriceKey, long? CostNano, TokenUsage Usage)
{
    /// <summary>The instance, or '' when unset (for credential places).</summary>
    public string Instance { get; init; } = string.Empty;

    /// <summary>When the call happened, Unix milliseconds (for credential places).</summary>
    public long TimestampMs { get; init; }

    /// <summary>
    /// True when <paramref name="candidate"/> is the same call seen with more detail: same provider and model,
    /// every token count at least the stored one and one of them greater.
    /// </summary>
    public bool IsPoorerThan(UsageEvent candidate)
    {
        if (!string.Equals(Key.Provider, candidate.Provider, StringComparison.Ordinal) ||
            !string.Equals(Key.Model, candidate.Model, StringComparison.Ordinal))
        {
            return false;
        }

        long[] stored = [Usage.InputTokens, Usage.OutputTokens, Usage.CacheReadTokens, Usage.CacheWriteTokens, Usage.CacheWrite1hTokens, Usage.ReasoningTokens];
        var n = candidate.Usage;
        long[] offered = [n.InputTokens, n.OutputTokens, n.CacheReadTokens, n.CacheWriteTokens, n.CacheWrite1hTokens, n.ReasoningTokens];
        var greater = false;
        for (var i = 0; i < stored.Length; i++)
        {
            if (offered[i] < stored[i])
            {
                return false;
            }

            greater |= offered[i] > stored[i];
        }

        return greater;
    }
}
