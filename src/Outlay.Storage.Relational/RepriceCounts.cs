using Outlay.Core.Storage;

namespace Outlay.Storage.Relational;

/// <summary>Running totals of one re-pricing, added to page by page.</summary>
internal sealed class RepriceCounts
{
    public long Examined { get; private set; }

    public long Changed { get; private set; }

    public long StillUnpriced { get; private set; }

    public long CostBeforeNano { get; private set; }

    public long CostAfterNano { get; private set; }

    /// <summary>Counts one examined event with its cost before and after (null = unpriced).</summary>
    public void Add(long? before, long? after, bool changed)
    {
        checked
        {
            Examined++;
            Changed += changed ? 1 : 0;
            StillUnpriced += after is null ? 1 : 0;
            CostBeforeNano += before ?? 0;
            CostAfterNano += after ?? 0;
        }
    }

    /// <summary>Adds the totals of a committed page.</summary>
    public void Merge(RepriceCounts page)
    {
        checked
        {
            Examined += page.Examined;
            Changed += page.Changed;
            StillUnpriced += page.StillUnpriced;
            CostBeforeNano += page.CostBeforeNano;
            CostAfterNano += page.CostAfterNano;
        }
    }

    public RepriceResult ToResult() => new(Examined, Changed, StillUnpriced, CostBeforeNano, CostAfterNano);
}
