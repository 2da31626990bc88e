using Outlay.Core.Events;

namespace Outlay.Storage.Relational;

/// <summary>The additive part of a rollup row, accumulated in memory before one UPSERT per key.</summary>
/// <remarks>
/// A mutable struct held inline in the sums' dictionaries and changed through a reference to its entry
/// (<see cref="System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault{TKey, TValue}(Dictionary{TKey, TValue}, TKey, out bool)"/>):
/// an append of a few thousand events adds about four new rows per event, and as a class each was an object of its own,
/// a third of all the bytes the ingest path allocated. A copy is a snapshot; change the entry, never a copy.
/// </remarks>
internal struct RollupSums
{
    public long CostNano { readonly get; private set; }

    public long Events { readonly get; private set; }

    public long UnpricedEvents { readonly get; private set; }

    public long InputTokens { readonly get; private set; }

    public long OutputTokens { readonly get; private set; }

    public long CacheReadTokens { readonly get; private set; }

    public long CacheWriteTokens { readonly get; private set; }

    public long CacheWrite1hTokens { readonly get; private set; }

    public long ReasoningTokens { readonly get; private set; }

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
    public void Add(in RollupSums other)
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
