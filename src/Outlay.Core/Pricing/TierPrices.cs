namespace Outlay.Core.Pricing;

/// <summary>The prices of one service tier (default, batch, flex or priority): base rates plus long-context tiers.</summary>
/// <param name="Rates">Rates below every long-context threshold.</param>
/// <param name="LongContext">Long-context tiers, any order; empty when the tier has none.</param>
public sealed record TierPrices(PriceRates Rates, IReadOnlyList<LongContextTier> LongContext)
{
    /// <summary>The highest long-context tier the prompt falls in, or null.</summary>
    public LongContextTier? LongContextFor(long promptTokens)
    {
        LongContextTier? best = null;
        foreach (var tier in LongContext)
        {
            if (tier.Applies(promptTokens) && (best is null || tier.ThresholdTokens > best.ThresholdTokens))
            {
                best = tier;
            }
        }

        return best;
    }
}
