namespace Outlay.Core.Storage;

/// <summary>What a re-pricing found and changed. Costs are sums of priced events only (unpriced is never $0).</summary>
/// <param name="Examined">Stored events that matched the request.</param>
/// <param name="Changed">Events whose cost, price entry or resolved model changed (would change, on a dry run).</param>
/// <param name="StillUnpriced">Matched events that have no price after re-pricing.</param>
/// <param name="CostBeforeNanoUsd">Sum of the matched events' stored costs before, in nano-dollars.</param>
/// <param name="CostAfterNanoUsd">Sum of their costs after, in nano-dollars.</param>
public sealed record RepriceResult(long Examined, long Changed, long StillUnpriced, long CostBeforeNanoUsd, long CostAfterNanoUsd)
{
    /// <summary>After minus before, in nano-dollars.</summary>
    public long CostChangeNanoUsd => CostAfterNanoUsd - CostBeforeNanoUsd;
}
