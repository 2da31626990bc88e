using Outlay.Core.Events;
using Outlay.Core.Pricing;

namespace Outlay.Core.Tests.Pricing;

/// <summary>Every pricing rule against the built-in catalog, with the arithmetic written out (rates are USD per 1M tokens).</summary>
public sealed class CostCalculatorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private static CostResult Price(string provider, string model, TokenUsage usage, string tier = ServiceTiers.Default) =>
        new CostCalculator(PriceCatalog.BuiltIn).Calculate(provider, model, usage, tier, At);

    private static void AssertTotalIsSumOfParts(CostResult result) =>
        Assert.Equal(result.BreakdownNanoUsd.Values.Sum(), result.CostNanoUsd);

    [Fact]
    public void Plain_input_and_output()
    {
        // gpt-4o 2.5 / 10: 1000 × 2.5 / 1e6 = $0.0025 = 2,500,000 nano; 500 × 10 / 1e6 = $0.005 = 5,000,000 nano.
        var result = Price("openai", "gpt-4o", new TokenUsage(1000, 500));
        Assert.True(result.Priced);
        Assert.Equal(2_500_000, result.BreakdownNanoUsd[CostCategories.Input]);
        Assert.Equal(5_000_000, result.BreakdownNanoUsd[CostCategories.Output]);
        Assert.Equal(7_500_000, result.CostNanoUsd);
        Assert.Equal("openai/gpt-4o", result.PriceId);
        Assert.Equal("gpt-4o", result.ResolvedModel);
        Assert.Equal(2, result.BreakdownNanoUsd.Count);
    }

    [Fact]
    public void OpenAI_cache_read_is_taken_out_of_input()
    {
        // gpt-4o-mini 0.15 / 0.6, cache read 0.075; 1200 input of which 1000 cached, 300 output:
        // uncached 200 × 0.15 / 1e6 = 30,000 nano; cached 1000 × 0.075 / 1e6 = 75,000; output 300 × 0.6 / 1e6 = 180,000.
        var result = Price("openai", "gpt-4o-mini", new TokenUsage(1200, 300, CacheReadTokens: 1000));
        Assert.Equal(30_000, result.BreakdownNanoUsd[CostCategories.Input]);
        Assert.Equal(75_000, result.BreakdownNanoUsd[CostCategories.CacheRead]);
        Assert.Equal(180_000, result.BreakdownNanoUsd[CostCategories.Output]);
        Assert.Equal(285_000, result.CostNanoUsd);
        AssertTotalIsSumOfParts(result);
    }

    [Fact]
    public void Anthropic_5m_and_1h_cache_writes_replace_the_input_rate()
    {
        // claude-sonnet-4 3 / 15, read 0.3, 5m write 3.75, 1h write 6. Input 10,000 = 4000 uncached + 2000 read + 3000 5m + 1000 1h.
        // 4000 × 3 = 12,000,000 nano; 2000 × 0.3 = 600,000; 3000 × 3.75 = 11,250,000; 1000 × 6 = 6,000,000; output 1000 × 15 = 15,000,000.
        var result = Price("anthropic", "claude-sonnet-4-20250514", new TokenUsage(10_000, 1000, 2000, 3000, 1000));
        Assert.Equal(12_000_000, result.BreakdownNanoUsd[CostCategories.Input]);
        Assert.Equal(600_000, result.BreakdownNanoUsd[CostCategories.CacheRead]);
        Assert.Equal(11_250_000, result.BreakdownNanoUsd[CostCategories.CacheWrite5m]);
        Assert.Equal(6_000_000, result.BreakdownNanoUsd[CostCategories.CacheWrite1h]);
        Assert.Equal(15_000_000, result.BreakdownNanoUsd[CostCategories.Output]);
        Assert.Equal(44_850_000, result.CostNanoUsd);
        AssertTotalIsSumOfParts(result);
    }

    [Fact]
    public void Reasoning_inside_output_when_no_separate_rate()
    {
        // o4-mini 1.1 / 4.4 and no reasoning rate: 2000 × 1.1 = 2,200,000 nano; all 1000 output (400 reasoning) × 4.4 = 4,400,000.
        var result = Price("openai", "o4-mini", new TokenUsage(2000, 1000, ReasoningTokens: 400));
        Assert.Equal(4_400_000, result.BreakdownNanoUsd[CostCategories.Output]);
        Assert.False(result.BreakdownNanoUsd.ContainsKey(CostCategories.Reasoning));
        Assert.Equal(6_600_000, result.CostNanoUsd);
    }

    [Fact]
    public void Separate_reasoning_rate_prices_reasoning_apart_from_output()
    {
        // gemini-2.5-flash 0.3 / 2.5, reasoning 2.5: 2000 × 0.3 = 600,000 nano; (1000 − 400) × 2.5 = 1,500,000; 400 × 2.5 = 1,000,000.
        var result = Price("gemini", "gemini-2.5-flash", new TokenUsage(2000, 1000, ReasoningTokens: 400));
        Assert.Equal(600_000, result.BreakdownNanoUsd[CostCategories.Input]);
        Assert.Equal(1_500_000, result.BreakdownNanoUsd[CostCategories.Output]);
        Assert.Equal(1_000_000, result.BreakdownNanoUsd[CostCategories.Reasoning]);
        Assert.Equal(3_100_000, result.CostNanoUsd);
    }

    [Fact]
    public void Reasoning_rate_that_differs_from_output_is_not_double_billed()
    {
        // Output 10, reasoning 20: (1000 − 400) × 10 / 1e6 = 6,000,000 nano; 400 × 20 / 1e6 = 8,000,000; input 100 × 1 = 100,000.
        var catalog = TestCatalogs.Single(new PriceRates(1m, 10m, Reasoning: 20m));
        var result = new CostCalculator(catalog).Calculate("openai", "test-model", new TokenUsage(100, 1000, ReasoningTokens: 400), ServiceTiers.Default, At);
        Assert.Equal(6_000_000, result.BreakdownNanoUsd[CostCategories.Output]);
        Assert.Equal(8_000_000, result.BreakdownNanoUsd[CostCategories.Reasoning]);
        Assert.Equal(14_100_000, result.CostNanoUsd);
    }

    [Fact]
    public void Long_context_tier_prices_the_whole_request_cache_included()
    {
        // claude-sonnet-4 >200k (LiteLLM): 6 / 22.5, read 0.6. Prompt 250,000 (50,000 cached) > 200,000, so every bucket uses the tier:
        // 200,000 × 6 = 1,200,000,000 nano; 50,000 × 0.6 = 30,000,000; 2000 × 22.5 = 45,000,000.
        var result = Price("anthropic", "claude-sonnet-4-20250514", new TokenUsage(250_000, 2000, CacheReadTokens: 50_000));
        Assert.Equal(1_200_000_000, result.BreakdownNanoUsd[CostCategories.Input]);
        Assert.Equal(30_000_000, result.BreakdownNanoUsd[CostCategories.CacheRead]);
        Assert.Equal(45_000_000, result.BreakdownNanoUsd[CostCategories.Output]);
        Assert.Equal(1_275_000_000, result.CostNanoUsd);
        Assert.Equal("anthropic/claude-sonnet-4-20250514#>200k", result.PriceId);
    }

    [Fact]
    public void Long_context_tier_prices_cache_writes_at_the_tier_rate()
    {
        // Prompt 210,000 = 200,000 uncached + 10,000 5m writes: 200,000 × 6 = 1,200,000,000 nano; 10,000 × 7.5 (tier write) = 75,000,000.
        var result = Price("anthropic", "claude-sonnet-4-20250514", new TokenUsage(210_000, 0, CacheWriteTokens: 10_000));
        Assert.Equal(1_200_000_000, result.BreakdownNanoUsd[CostCategories.Input]);
        Assert.Equal(75_000_000, result.BreakdownNanoUsd[CostCategories.CacheWrite5m]);
    }

    [Fact]
    public void Long_context_tier_not_applied_at_or_below_the_threshold()
    {
        // Exactly 200,000 is not above 200,000: 200,000 × 3 = 600,000,000 nano; 2000 × 15 = 30,000,000.
        var result = Price("anthropic", "claude-sonnet-4-20250514", new TokenUsage(200_000, 2000));
        Assert.Equal(630_000_000, result.CostNanoUsd);
        Assert.Equal("anthropic/claude-sonnet-4-20250514", result.PriceId);
    }

    [Fact]
    public void Gemini_long_context_tier()
    {
        // gemini-2.5-pro >200k: 2.5 / 15. 300,000 × 2.5 = 750,000,000 nano; 1000 × 15 = 15,000,000.
        var above = Price("gemini", "gemini-2.5-pro", new TokenUsage(300_000, 1000));
        Assert.Equal(765_000_000, above.CostNanoUsd);
        Assert.Equal("gemini/gemini-2.5-pro#>200k", above.PriceId);

        // Below: 100,000 × 1.25 = 125,000,000; 1000 × 10 = 10,000,000.
        var below = Price("gemini", "gemini-2.5-pro", new TokenUsage(100_000, 1000));
        Assert.Equal(135_000_000, below.CostNanoUsd);
    }

    [Fact]
    public void Flex_and_priority_are_their_own_rate_sets()
    {
        // gpt-5 flex 0.625 / 5, read 0.0625; input 10,000 with 4000 cached, 2000 output:
        // 6000 × 0.625 = 3,750,000 nano; 4000 × 0.0625 = 250,000; 2000 × 5 = 10,000,000.
        var flex = Price("openai", "gpt-5", new TokenUsage(10_000, 2000, CacheReadTokens: 4000), ServiceTiers.Flex);
        Assert.Equal(14_000_000, flex.CostNanoUsd);
        Assert.Equal(250_000, flex.BreakdownNanoUsd[CostCategories.CacheRead]);
        Assert.Equal("openai/gpt-5#flex", flex.PriceId);

        // priority 2.5 / 20, read 0.25: 6000 × 2.5 = 15,000,000; 4000 × 0.25 = 1,000,000; 2000 × 20 = 40,000,000.
        var priority = Price("openai", "gpt-5", new TokenUsage(10_000, 2000, CacheReadTokens: 4000), ServiceTiers.Priority);
        Assert.Equal(56_000_000, priority.CostNanoUsd);
        Assert.Equal("openai/gpt-5#priority", priority.PriceId);
    }

    [Fact]
    public void Batch_cache_reads_get_the_cache_rate_times_the_batch_discount()
    {
        // gpt-4o batch 1.25 / 5; cache read 1.25 × (1.25 / 2.5) = 0.625. Input 10,000 with 4000 cached, 2000 output:
        // 6000 × 1.25 = 7,500,000 nano; 4000 × 0.625 = 2,500,000; 2000 × 5 = 10,000,000.
        var result = Price("openai", "gpt-4o", new TokenUsage(10_000, 2000, CacheReadTokens: 4000), ServiceTiers.Batch);
        Assert.Equal(7_500_000, result.BreakdownNanoUsd[CostCategories.Input]);
        Assert.Equal(2_500_000, result.BreakdownNanoUsd[CostCategories.CacheRead]);
        Assert.Equal(20_000_000, result.CostNanoUsd);
        Assert.Equal("openai/gpt-4o#batch", result.PriceId);
    }

    [Fact]
    public void A_tier_the_facts_do_not_price_is_unpriced_not_guessed()
    {
        // gpt-5 has no batch price in the facts; the default tier still works.
        Assert.Same(CostResult.Unpriced, Price("openai", "gpt-5", new TokenUsage(1000, 100), ServiceTiers.Batch));
        Assert.True(Price("openai", "gpt-5", new TokenUsage(1000, 100), ServiceTiers.Default).Priced);
        Assert.Same(CostResult.Unpriced, Price("openai", "gpt-5", new TokenUsage(1000, 100), "turbo"));
    }

    [Fact]
    public void Unknown_model_is_unpriced_with_a_null_cost()
    {
        var result = Price("openai", "gpt-4o-mini-fancy", new TokenUsage(1000, 100));
        Assert.False(result.Priced);
        Assert.Null(result.CostNanoUsd);
        Assert.Null(result.PriceId);
        Assert.Empty(result.BreakdownNanoUsd);
    }

    [Fact]
    public void Each_category_is_rounded_to_nano_dollars_and_the_total_is_their_sum()
    {
        // gpt-5 flex: 2 uncached × 0.625 / 1e6 = $0.00000125 = 1250 nano; 1 cached × 0.0625 / 1e6 = 62.5 nano → 63 (half away from zero);
        // 1 output × 5 / 1e6 = 5000 nano. Total 1250 + 63 + 5000 = 6313.
        var result = Price("openai", "gpt-5", new TokenUsage(3, 1, CacheReadTokens: 1), ServiceTiers.Flex);
        Assert.Equal(63, result.BreakdownNanoUsd[CostCategories.CacheRead]);
        Assert.Equal(6313, result.CostNanoUsd);
        AssertTotalIsSumOfParts(result);
    }

    [Fact]
    public void Effective_dating_picks_the_entry_valid_at_the_call_time()
    {
        var change = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var catalog = PriceCatalog.Create(
        [
            TestCatalogs.Entry("openai/dated-model@old", "dated-model", new PriceRates(10m, 20m), null, change),
            TestCatalogs.Entry("openai/dated-model@new", "dated-model", new PriceRates(5m, 10m), change, null),
        ]);
        var calculator = new CostCalculator(catalog);

        // Before the change: 1000 × 10 / 1e6 = 10,000,000 nano. From the change on: 1000 × 5 / 1e6 = 5,000,000.
        var before = calculator.Calculate("openai", "dated-model", new TokenUsage(1000, 0), ServiceTiers.Default, change.AddTicks(-1));
        var after = calculator.Calculate("openai", "dated-model", new TokenUsage(1000, 0), ServiceTiers.Default, change);
        Assert.Equal(10_000_000, before.CostNanoUsd);
        Assert.Equal("openai/dated-model@old", before.PriceId);
        Assert.Equal(5_000_000, after.CostNanoUsd);
        Assert.Equal("openai/dated-model@new", after.PriceId);
    }

    [Fact]
    public void Azure_is_priced_from_azure_entries()
    {
        // azure/gpt-4o 2.5 / 10: 1000 × 2.5 = 2,500,000 nano; 100 × 10 = 1,000,000.
        var result = Price("azure.ai.openai", "gpt-4o", new TokenUsage(1000, 100));
        Assert.Equal(3_500_000, result.CostNanoUsd);
        Assert.Equal("azure/gpt-4o", result.PriceId);
    }
}
