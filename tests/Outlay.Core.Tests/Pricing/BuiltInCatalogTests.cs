using Outlay.Core.Pricing;
using Outlay.Core.Pricing.Generation;
using Outlay.Testing;

namespace Outlay.Core.Tests.Pricing;

public sealed class BuiltInCatalogTests
{
    private static readonly HashSet<string> ProvidersWithEmbeddingFacts = new(StringComparer.Ordinal)
    {
        ProviderNames.OpenAI, ProviderNames.Azure, ProviderNames.Gemini, ProviderNames.VertexAI,
        ProviderNames.Bedrock, ProviderNames.Mistral, ProviderNames.Cohere,
    };

    public static TheoryData<string> Providers => new(ProviderNames.BuiltIn);

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_provider_has_a_chat_model_and_an_embedding_model_where_the_facts_have_one(string provider)
    {
        var entries = PriceCatalog.BuiltIn.Entries.Where(e => e.Provider == provider).ToList();
        Assert.Contains(entries, e => e.Mode == "chat");
        if (ProvidersWithEmbeddingFacts.Contains(provider))
        {
            Assert.Contains(entries, e => e.Mode == "embedding");
        }
    }

    [Fact]
    public void Built_in_catalog_has_unique_ids_sources_and_no_zero_priced_chat_models()
    {
        var entries = PriceCatalog.BuiltIn.Entries;
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.Source)));
        Assert.DoesNotContain(entries, e => e.Default.Rates.Input == 0m && e.Default.Rates.Output == 0m);
        Assert.NotNull(PriceCatalog.BuiltIn.Generated);
    }

    [Fact]
    public void Known_LiteLLM_data_errors_are_corrected_and_history_is_kept()
    {
        var at = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var catalog = PriceCatalog.BuiltIn;
        // Anthropic: 1h write = 2 × input. claude-3-haiku 2 × 0.25 = 0.5; claude-3-opus 2 × 15 = 30.
        Assert.Equal(0.5m, catalog.Resolve("anthropic", "claude-3-haiku-20240307", at)!.Default.Rates.CacheWrite1h);
        Assert.Equal(30m, catalog.Resolve("anthropic", "claude-3-opus-20240229", at)!.Default.Rates.CacheWrite1h);
        var haiku = catalog.Resolve("anthropic", "claude-3-5-haiku-20241022", at)!;
        Assert.Equal(new PriceRates(0.8m, 4m, 0.08m, 1m, 1.6m), haiku.Default.Rates);
        var sonnet = catalog.Resolve("anthropic", "claude-3-5-sonnet-20241022", at)!;
        Assert.Equal(new PriceRates(3m, 15m, 0.3m, 3.75m, 6m), sonnet.Default.Rates);
    }

    [Fact]
    public void Save_and_load_round_trips_to_the_same_bytes()
    {
        var json = PriceCatalog.BuiltIn.ToJson();
        Assert.Equal(json, PriceCatalog.Load(json).ToJson());
    }

    [Fact]
    public void Regenerating_from_the_shared_facts_reproduces_the_committed_catalog_byte_for_byte()
    {
        var litellm = SharedFixtures.Require("data/pricing/litellm_model_prices.json");
        var langfuse = SharedFixtures.Require("data/pricing/langfuse_default_model_prices.json");
        using var committedStream = typeof(PriceCatalog).Assembly.GetManifestResourceStream("Outlay.Core.Pricing.Catalog.catalog.json")!;
        using var reader = new StreamReader(committedStream);
        var committed = reader.ReadToEnd();

        using var litellmStream = File.OpenRead(litellm);
        using var langfuseStream = File.OpenRead(langfuse);
        var result = CatalogGeneration.Generate(litellmStream, langfuseStream, PriceCatalog.BuiltIn.Generated!);

        Assert.Equal(committed, result.CatalogJson);
        Assert.Contains("fix: anthropic/claude-3-haiku-20240307 default cache_write_1h 6 -> 0.5", result.Report);
        Assert.Contains("fix: anthropic/claude-3-opus-20240229 default cache_write_1h 6 -> 30", result.Report);
        Assert.Contains(result.Report, line => line.StartsWith("disagreement: ", StringComparison.Ordinal));
    }
}
