using Outlay.Core.Events;
using Outlay.Core.Providers;

namespace Outlay.Core.Tests.Providers;

public sealed class DeepSeekChatUsageAdapterTests
{
    private const string Body = """
        {"id": "930c60df-bf64-41c9-a88e-3ec75f81e00e", "object": "chat.completion", "model": "deepseek-chat",
         "choices": [{"message": {"role": "assistant", "content": "private"}}],
         "usage": {"prompt_tokens": 1200, "completion_tokens": 80, "total_tokens": 1280,
                   "prompt_tokens_details": {"cached_tokens": 1024},
                   "prompt_cache_hit_tokens": 1024, "prompt_cache_miss_tokens": 176}}
        """;

    [Fact]
    public void Hit_and_miss_make_the_input_and_hits_are_cache_reads()
    {
        var result = DeepSeekChatUsageAdapter.FromResponse(ProviderJson.Parse(Body));

        // input = 1024 hit + 176 miss = 1200.
        Assert.Equal(new TokenUsage(1200, 80, CacheReadTokens: 1024), result.Usage);
        Assert.Equal("deepseek", result.Provider);
        Assert.Equal("deepseek-chat", result.Model);
    }

    [Fact]
    public void Reader_recognises_deepseek_by_its_cache_fields()
    {
        var result = ProviderResponseReader.Read(Body);

        Assert.Equal("deepseek", result.Provider);
        Assert.Equal(1024, result.Usage.CacheReadTokens);
    }

    [Fact]
    public void Reasoner_output_keeps_reasoning_inside()
    {
        var usage = ProviderJson.Parse("""
            {"prompt_tokens": 30, "completion_tokens": 500, "prompt_cache_hit_tokens": 0, "prompt_cache_miss_tokens": 30,
             "completion_tokens_details": {"reasoning_tokens": 420}}
            """);

        Assert.Equal(new TokenUsage(30, 500, ReasoningTokens: 420), DeepSeekChatUsageAdapter.FromUsage(usage));
    }
}
