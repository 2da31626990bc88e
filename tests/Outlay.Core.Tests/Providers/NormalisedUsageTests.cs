using Outlay.Core.Events;
using Outlay.Core.Providers;

namespace Outlay.Core.Tests.Providers;

public sealed class NormalisedUsageTests
{
    [Fact]
    public void Negative_counts_are_clamped_at_zero()
    {
        var usage = ProviderJson.Parse("""
            {"prompt_tokens": -5, "completion_tokens": -1, "prompt_tokens_details": {"cached_tokens": -3}}
            """);

        Assert.Equal(new TokenUsage(0, 0), OpenAiChatUsageAdapter.FromUsage(usage));
    }

    [Fact]
    public void Cache_larger_than_input_is_trimmed_reads_first()
    {
        // prompt 4020 but cached 3000 + written 2000 = 5000: reads keep 3000, writes get the 1020 left.
        var usage = ProviderJson.Parse("""
            {"prompt_tokens": 4020, "completion_tokens": 4,
             "prompt_tokens_details": {"cached_tokens": 3000, "cache_write_tokens": 2000}}
            """);

        var result = OpenAiChatUsageAdapter.FromUsage(usage);

        Assert.Equal(new TokenUsage(4020, 4, CacheReadTokens: 3000, CacheWriteTokens: 1020), result);
        Assert.Equal(0, result.UncachedInputTokens);
    }

    [Fact]
    public void Reasoning_larger_than_output_is_trimmed_to_output()
    {
        var usage = ProviderJson.Parse("""
            {"input_tokens": 10, "output_tokens": 100, "output_tokens_details": {"reasoning_tokens": 150}}
            """);

        Assert.Equal(new TokenUsage(10, 100, ReasoningTokens: 100), OpenAiResponsesUsageAdapter.FromUsage(usage));
    }

    [Fact]
    public void Huge_counts_saturate_instead_of_overflowing()
    {
        var usage = ProviderJson.Parse("""
            {"input_tokens": 9223372036854775807, "cache_read_input_tokens": 9223372036854775807, "output_tokens": 1e40}
            """);

        var result = AnthropicMessagesUsageAdapter.FromUsage(usage);

        Assert.Equal(long.MaxValue, result.InputTokens);
        Assert.Equal(long.MaxValue, result.OutputTokens);
        Assert.True(result.CacheReadTokens <= result.InputTokens);
    }

    [Fact]
    public void Fractional_and_non_numeric_counts_are_truncated_or_ignored()
    {
        var usage = ProviderJson.Parse("""{"prompt_tokens": 12.9, "completion_tokens": "7"}""");

        Assert.Equal(new TokenUsage(12, 0), OpenAiChatUsageAdapter.FromUsage(usage));
    }
}
