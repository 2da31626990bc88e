using Outlay.Core.Storage;

namespace Outlay.Core.Pricing;

/// <summary>Adapts a <see cref="CostCalculator"/> to the pricing function <see cref="IOutlayStore.RepriceAsync"/> takes.</summary>
public static class Repricing
{
    /// <summary>Prices a stored event exactly as ingest prices a new one: provider, model, usage, tier and timestamp.</summary>
    public static Func<StoredUsage, CostResult> With(CostCalculator calculator)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        return stored => calculator.Calculate(stored.Provider, stored.Model, stored.Usage, stored.ServiceTier, stored.Timestamp);
    }
}
