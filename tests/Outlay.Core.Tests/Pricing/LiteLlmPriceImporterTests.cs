using System.Text;
using Outlay.Core.Events;
using Outlay.Core.Pricing;

namespace Outlay.Core.Tests.Pricing;

public sealed class LiteLlmPriceImporterTests
{
    private const string File = """
        {
          "sample_spec": { "input_cost_per_token": 0, "mode": "chat" },
          "acme-chat": { "litellm_provider": "openai", "mode": "chat",
                         "input_cost_per_token": 1e-06, "output_cost_per_token": 4e-06,
                         "cache_read_input_token_cost": 1e-07,
                         "input_cost_per_token_batches": 5e-07, "output_cost_per_token_batches": 2e-06,
                         "input_cost_per_token_above_128k_tokens": 2e-06, "output_cost_per_token_above_128k_tokens": 8e-06 },
          "bedrock_converse/acme.embed-v1:0": { "litellm_provider": "bedrock_converse", "mode": "embedding", "input_cost_per_token": 2e-08 },
          "acme-image": { "litellm_provider": "openai", "mode": "image_generation", "output_cost_per_image": 0.04 },
          "acme-free": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 0, "output_cost_per_token": 0 }
        }
        """;

    private static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static PriceCatalog Import()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(File));
        return LiteLlmPriceImporter.Import(stream, From);
    }

    [Fact]
    public void Converts_per_token_prices_to_per_million_with_tiers_and_variants()
    {
        var entry = Assert.Single(Import().Entries, e => e.Model == "acme-chat");
        Assert.Equal("openai", entry.Provider);
        Assert.Equal(From, entry.EffectiveFrom);
        Assert.Equal(new PriceRates(1m, 4m, CacheRead: 0.1m), entry.Default.Rates);
        var tier = Assert.Single(entry.Default.LongContext);
        Assert.Equal(128_000, tier.ThresholdTokens);
        // Tier cache read derived: 0.1 × (2 / 1) = 0.2.
        Assert.Equal(new PriceRates(2m, 8m, CacheRead: 0.2m), tier.Rates);
        // Batch cache read derived: 0.1 × (0.5 / 1) = 0.05.
        Assert.Equal(new PriceRates(0.5m, 2m, CacheRead: 0.05m), entry.Batch!.Rates);
        Assert.Null(entry.Flex);
    }

    [Fact]
    public void Maps_providers_and_skips_entries_without_token_prices()
    {
        var catalog = Import();
        Assert.Equal(["acme-chat", "acme.embed-v1:0"], catalog.Entries.Select(e => e.Model).Order(StringComparer.Ordinal));
        var embedding = Assert.Single(catalog.Entries, e => e.Mode == "embedding");
        Assert.Equal("bedrock", embedding.Provider);
        Assert.Equal(0m, embedding.Default.Rates.Output);
    }

    [Fact]
    public void Imported_prices_only_hold_from_their_effective_date()
    {
        var calculator = new CostCalculator(Import());
        // 1000 × 1 / 1e6 = 1,000,000 nano; 1000 × 4 / 1e6 = 4,000,000.
        Assert.Equal(5_000_000, calculator.Calculate("openai", "acme-chat", new TokenUsage(1000, 1000), ServiceTiers.Default, From).CostNanoUsd);
        Assert.False(calculator.Calculate("openai", "acme-chat", new TokenUsage(1000, 1000), ServiceTiers.Default, From.AddDays(-1)).Priced);
    }

    [Fact]
    public void Merged_user_catalog_beats_the_built_in()
    {
        var user = PriceCatalog.Create([TestCatalogs.Entry("openai/gpt-4o@user", "gpt-4o", new PriceRates(1m, 1m))]);
        var merged = PriceCatalog.Merge(PriceCatalog.BuiltIn, user);
        Assert.Equal("openai/gpt-4o@user", merged.Resolve("openai", "gpt-4o", From)?.Id);
        Assert.Equal("openai/gpt-4o-mini", merged.Resolve("openai", "gpt-4o-mini", From)?.Id);
    }

    [Fact]
    public void Malformed_price_is_refused_with_its_key()
    {
        using var stream = new MemoryStream("""{ "m": { "litellm_provider": "openai", "mode": "chat", "input_cost_per_token": "lots", "output_cost_per_token": 1 } }"""u8.ToArray());
        var error = Assert.Throws<PricingDataException>(() => LiteLlmPriceImporter.Import(stream, From));
        Assert.Contains("m.input_cost_per_token", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lots", error.Message, StringComparison.Ordinal);
    }
}
