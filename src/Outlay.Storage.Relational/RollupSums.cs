using Outlay.Core.Events;

namespace Outlay.Storage.Relational;

/// <summary>The additive part of a rollup row, accumulated in memory before one UPSERT per key.</summary>
internal sealed class RollupSums
{
    public long CostNano { get; private set; }

    public long Events { get; private set; }

    public long UnpricedEvents { get; private set; }

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public long CacheReadTokens { get; private set; }

    public long CacheWriteTokens { get; private set; }

    public long CacheWrite1hTokens { get; private set; }

    public long ReasoningTokens { get; private set; }

    /// <summary>Adds one event; <paramref name="costNano"/> is null when it is unpriced.</summary>
    public void Add(long? costNano, TokenUsage usage)
    {
        checked
        {
            // Unpriced is counted, never added as $0: the cost sum covers priced events only.
            if (costNano is { } cost)
            {
                CostNano += cost;
            }
            else
            {
                UnpricedEvents++;
            }

            Events++;
            InputTokens += usage.InputTokens;
            OutputTokens += usage.OutputTokens;
            CacheReadTokens += usage.CacheReadTokens;
            CacheWriteTokens += usage.CacheWriteTokens;
            CacheWrite1hTokens += usage.CacheWrite1hTokens;
            ReasoningTokens += usage.ReasoningTokens;
        }
    }

    /// <summary>Adds another row's sums (another batch's deltas for the same key).</summary>
    public void Add(RollupSums other)
    {
        checked
        {
            CostNano += other.CostNano;
            Events += other.Events;
            UnpricedEvents += other.UnpricedEvents;
            InputTokens += other.InputTokens;
            OutputTokens += other.OutputTokens;
            CacheReadTokens += other.CacheReadTokens;
            CacheWriteTokens += other.CacheWriteTokens;
            CacheWrite1hTokens += other.CacheWrite1hTokens;
            ReasoningTokens += other.ReasoningTokens;
        }
    }

    /// <summary>Takes a stored event's contribution back out, when a richer copy replaces it.</summary>
    public void Remove(long? costNano, TokenUsage usage)
    {
        checked
        {
            if (costNano is { } cost)
            {
                CostNano -= cost;
            }
            else
            {
                UnpricedEvents--;
            }

            Events--;
            InputTokens -= usage.InputTokens;
            OutputTokens -= usage.OutputTokens;
            CacheReadTokens -= usage.CacheReadTokens;
            CacheWriteTokens -= usage.CacheWriteTokens;
            CacheWrite1hTokens -= usage.CacheWrite1hTokens;
            ReasoningTokens -= usage.ReasoningTokens;
        }
    }
}
