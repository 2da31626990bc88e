using Outlay.Core.Events;
using Outlay.Core.Providers;
using Outlay.Testing;

namespace Outlay.Core.Tests.Providers;

public sealed class OpenAiChatUsageAdapterTests
{
    [Fact]
    public void Cache_write_fixture_counts_written_tokens_inside_prompt_tokens()
    {
        var body = ProviderJson.Parse(SharedFixtures.ReadText("fixtures/openai/chat-completions_cache-write_gpt-5.6.json"));

        var result = OpenAiChatUsageAdapter.FromResponse(body);

        // prompt_tokens 4020 includes cache_write_tokens 4012, so 4020 - 4012 = 8 are plain input.
        Assert.Equal(new TokenUsage(4020, 4, CacheReadTokens: 0, CacheWriteTokens: 4012), result.Usage);
        Assert.Equal(8, result.Usage.UncachedInputTokens);
        Assert.Equal("openai", result.Provider);
        Assert.Equal("gpt-5.6-sol", result.Model);
        Assert.Equal(Operations.Chat, result.Operation);
        Assert.Equal(ServiceTiers.Default, result.ServiceTier);
        Assert.Equal("chatcmpl-E1mBLGr3Ql1FsH8cdc76XdGw3PleH", result.ResponseId);
    }

    [Fact]
    public void Cache_read_fixture_counts_cached_tokens_inside_prompt_tokens()
    {
        var body = ProviderJson.Parse(SharedFixtures.ReadText("fixtures/openai/chat-completions_cache-read_gpt-5.6.json"));

        var result = OpenAiChatUsageAdapter.FromResponse(body);

        // 4020 prompt tokens of which 4012 read from cache: 8 uncached.
        Assert.Equal(new TokenUsage(4020, 4, CacheReadTokens: 4012), result.Usage);
        Assert.Equal(8, result.Usage.UncachedInputTokens);
        Assert.Equal("chatcmpl-E1mBQt42vYTsKNd5wnyJlT0db7v9S", result.ResponseId);
    }

    [Fact]
    public void Gpt_4o_mini_fixture_keeps_the_dated_model_and_plain_counts()
    {
        var body = ProviderJson.Parse(SharedFixtures.ReadText("fixtures/openai/chat-completions_gpt-4o-mini.json"));

        var result = OpenAiChatUsageAdapter.FromResponse(body);

        Assert.Equal(new TokenUsage(11, 9), result.Usage);
        Assert.Equal("gpt-4o-mini-2024-07-18", result.Model);
        Assert.Equal(ServiceTiers.Default, result.ServiceTier);
    }

    [Fact]
    public void Streamed_fixture_takes_usage_from_the_final_chunk()
    {
        var body = SharedFixtures.ReadText("fixtures/openai/chat-completions_stream_include-usage.sse.txt");

        var result = ProviderResponseReader.Read(body);

        Assert.Equal(new TokenUsage(26, 10), result.Usage);
        Assert.Equal("openai", result.Provider);
        Assert.Equal("gpt-4o-2024-08-06", result.Model);
        Assert.Equal("chatcmpl-D8dV4fIhj9EeF5vu9iDuZYuG5qp3o", result.ResponseId);
        Assert.Equal(ServiceTiers.Default, result.ServiceTier);
    }

    [Fact]
    public void Reasoning_tokens_stay_inside_completion_tokens()
    {
        // Azure gpt-5-nano example of telemetry.md 4.1: completion 203 of which reasoning 192.
        var usage = ProviderJson.Parse("""
            {"prompt_tokens": 50, "completion_tokens": 203, "total_tokens": 253,
             "completion_tokens_details": {"reasoning_tokens": 192}}
            """);

        Assert.Equal(new TokenUsage(50, 203, ReasoningTokens: 192), OpenAiChatUsageAdapter.FromUsage(usage));
    }

    [Theory]
    [InlineData("auto", ServiceTiers.Default)]
    [InlineData("scale", ServiceTiers.Default)]
    [InlineData("flex", ServiceTiers.Flex)]
    [InlineData("priority", ServiceTiers.Priority)]
    [InlineData("something-new", ServiceTiers.Default)]
    public void Service_tier_is_mapped_to_v1_values(string stated, string expected)
    {
        var body = ProviderJson.Parse($$$"""
            {"id": "chatcmpl-1", "object": "chat.completion", "model": "gpt-5", "service_tier": "{{{stated}}}",
             "usage": {"prompt_tokens": 1, "completion_tokens": 1}}
            """);

        Assert.Equal(expected, OpenAiChatUsageAdapter.FromResponse(body).ServiceTier);
    }

    [Fact]
    public void Missing_tier_stays_null()
    {
        var body = ProviderJson.Parse("""{"object": "chat.completion", "usage": {"prompt_tokens": 1, "completion_tokens": 1}}""");

        Assert.Null(OpenAiChatUsageAdapter.FromResponse(body).ServiceTier);
    }

    [Fact]
    public void Chunk_without_usage_is_refused_with_the_include_usage_hint()
    {
        var chunk = ProviderJson.Parse("""
            {"object": "chat.completion.chunk", "choices": [{"delta": {"content": "private words"}}], "usage": null}
            """);

        var error = Assert.Throws<ProviderResponseException>(() => OpenAiChatUsageAdapter.FromResponse(chunk));

        Assert.Contains("include_usage", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("private words", error.Message, StringComparison.Ordinal);
    }
}
