using Outlay.Core.Pricing;

namespace Outlay.Core.Tests.Pricing;

/// <summary>Small inline catalogs so tests that need specific rates own their data.</summary>
internal static class TestCatalogs
{
    public static PriceEntry Entry(string id, string model, PriceRates rates, DateTimeOffset? from = null, DateTimeOffset? to = null) => new()
    {
        Id = id,
        Provider = ProviderNames.OpenAI,
        Model = model,
        EffectiveFrom = from,
        EffectiveTo = to,
        Default = new TierPrices(rates, []),
    };

    public static PriceCatalog Single(PriceRates rates) => PriceCatalog.Create([Entry("openai/test-model", "test-model", rates)]);
}
