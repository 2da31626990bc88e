using Outlay.Core.Events;
using Outlay.Core.Pricing;

namespace Outlay.Core.Tests.Pricing;

public sealed class PricingConfigurationTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string directory = Directory.CreateTempSubdirectory("outlay-pricing-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private PricingConfiguration Load(string json)
    {
        var path = Path.Combine(directory, "pricing.json");
        File.WriteAllText(path, json);
        return PricingConfiguration.Load(path);
    }

    [Fact]
    public void Most_specific_discount_wins_and_applies_after_pricing()
    {
        var config = Load("""
            { "discounts": [
                { "provider": "openai", "model": "*", "factor": "0.8" },
                { "provider": "openai", "model": "gpt-4o", "factor": 0.5 } ] }
            """);
        var calculator = new CostCalculator(PriceCatalog.BuiltIn, config);

        // gpt-4o 2.5 / 10 × 0.5: 1000 × 2.5 / 1e6 × 0.5 = 1,250,000 nano; 500 × 10 / 1e6 × 0.5 = 2,500,000.
        var gpt4o = calculator.Calculate("openai", "gpt-4o-2099-01-01", new TokenUsage(1000, 500), ServiceTiers.Default, At);
        Assert.Equal(1_250_000, gpt4o.BreakdownNanoUsd[CostCategories.Input]);
        Assert.Equal(3_750_000, gpt4o.CostNanoUsd);
        Assert.Equal("openai/gpt-4o#discount=0.5", gpt4o.PriceId);

        // gpt-4o-mini 0.15 × 0.8: 1000 × 0.15 / 1e6 × 0.8 = 120,000 nano.
        var mini = calculator.Calculate("openai", "gpt-4o-mini", new TokenUsage(1000, 0), ServiceTiers.Default, At);
        Assert.Equal(120_000, mini.CostNanoUsd);

        // No rule for anthropic: factor 1. claude-sonnet-4: 1000 × 3 / 1e6 = 3,000,000 nano.
        Assert.Equal(3_000_000, calculator.Calculate("anthropic", "claude-sonnet-4", new TokenUsage(1000, 0), ServiceTiers.Default, At).CostNanoUsd);
    }

    [Fact]
    public void User_price_beats_the_built_in_while_it_is_effective()
    {
        var config = Load("""
            { "prices": [ { "provider": "openai", "model": "gpt-4o", "effective_from": "2026-01-01",
                            "input": "2", "output": "8", "cache_read": "1" } ] }
            """);
        var calculator = new CostCalculator(PriceCatalog.BuiltIn, config);

        // From 2026-01-01: 1000 × 2 / 1e6 = 2,000,000 nano. Before: built-in 1000 × 2.5 / 1e6 = 2,500,000.
        var after = calculator.Calculate("openai", "gpt-4o", new TokenUsage(1000, 0), ServiceTiers.Default, At);
        var before = calculator.Calculate("openai", "gpt-4o", new TokenUsage(1000, 0), ServiceTiers.Default, new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(2_000_000, after.CostNanoUsd);
        Assert.Equal(2_500_000, before.CostNanoUsd);
    }

    [Fact]
    public void Azure_deployment_name_maps_to_its_model()
    {
        var config = Load("""{ "azure_deployments": { "my-gpt4o-prod": "gpt-4o-2024-08-06" } }""");
        var calculator = new CostCalculator(PriceCatalog.BuiltIn, config);

        // azure/gpt-4o-2024-08-06 2.5 / 10: 1000 × 2.5 = 2,500,000 nano; 100 × 10 = 1,000,000.
        var result = calculator.Calculate("azure", "azure/My-GPT4o-Prod", new TokenUsage(1000, 100), ServiceTiers.Default, At);
        Assert.Equal("azure/gpt-4o-2024-08-06", result.PriceId);
        Assert.Equal("gpt-4o-2024-08-06", result.ResolvedModel);
        Assert.Equal(3_500_000, result.CostNanoUsd);

        // Without the mapping the deployment name is unknown: unpriced, not $0.
        Assert.False(new CostCalculator(PriceCatalog.BuiltIn).Calculate("azure", "my-gpt4o-prod", new TokenUsage(1000, 100), ServiceTiers.Default, At).Priced);
    }

    [Fact]
    public void LiteLlm_file_named_in_the_configuration_is_imported_relative_to_it()
    {
        File.WriteAllText(Path.Combine(directory, "extra.json"), """
            { "my-private-model": { "litellm_provider": "openai", "mode": "chat",
                                    "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06 } }
            """);
        var config = Load("""{ "litellm_import": { "path": "extra.json", "effective_from": "2026-01-01" } }""");

        // 1000 × 1 / 1e6 = 1,000,000 nano; 1000 × 2 / 1e6 = 2,000,000.
        var result = new CostCalculator(PriceCatalog.BuiltIn, config).Calculate("openai", "my-private-model", new TokenUsage(1000, 1000), ServiceTiers.Default, At);
        Assert.Equal(3_000_000, result.CostNanoUsd);
        Assert.Equal(Path.Combine(directory, "extra.json"), config.LiteLlmFile);
    }

    [Theory]
    [InlineData("""{ "discounts": [ { "provider": "openai", "factor": "-0.5" } ] }""", "discounts[0].factor")]
    [InlineData("""{ "discounts": [ { "provider": "openai", "factor": "0" } ] }""", "discounts[0].factor")]
    [InlineData("""{ "discounts": [ { "provider": "openai" } ] }""", "discounts[0].factor")]
    [InlineData("""{ "prices": [ { "provider": "openai", "model": "x", "input": "abc", "output": "1" } ] }""", "prices[0].input")]
    [InlineData("""{ "prices": [ { "provider": "openai", "model": "x", "input": "1" } ] }""", "prices[0].output")]
    [InlineData("""{ "prices": [ { "provider": "openai", "model": "x", "input": "1", "output": "1", "outptu": "1" } ] }""", "prices[0].outptu")]
    [InlineData("""{ "azure_deployments": { "prod": 5 } }""", "azure_deployments.prod")]
    [InlineData("""{ "discount": [] }""", "$.discount")]
    [InlineData("""{ "litellm_import": { "path": "missing.json" } }""", "litellm_import.path")]
    public void Bad_configuration_names_the_field(string json, string field)
    {
        var error = Assert.Throws<PricingDataException>(() => Load(json));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_accepts_an_empty_object()
    {
        using var stream = new MemoryStream("{}"u8.ToArray());
        var config = PricingConfiguration.Parse(stream);
        Assert.Empty(config.Discounts);
        Assert.Equal(1m, config.DiscountFactorFor("openai", "gpt-4o"));
    }
}
