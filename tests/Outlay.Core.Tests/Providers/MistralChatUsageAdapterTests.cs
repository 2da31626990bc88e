using Outlay.Core.Events;
using Outlay.Core.Providers;
using Outlay.Testing;

namespace Outlay.Core.Tests.Providers;

public sealed class MistralChatUsageAdapterTests
{
    [Fact]
    public void Fixture_reads_prompt_and_completion_tokens()
    {
        var body = ProviderJson.Parse(SharedFixtures.ReadText("fixtures/mistral/chat-completions_mistral-tiny.json"));

        var result = MistralChatUsageAdapter.FromResponse(body);

        Assert.Equal(new TokenUsage(11, 99), result.Usage);
        Assert.Equal("mistral", result.Provider);
        Assert.Equal("mistral-tiny", result.Model);
        Assert.Equal("bda521177c084183bba5eaf32ad99027", result.ResponseId);
    }

    [Fact]
    public void Reader_with_mistral_hint_reports_mistral()
    {
        var body = SharedFixtures.ReadText("fixtures/mistral/chat-completions_mistral-tiny.json");

        var result = ProviderResponseReader.Read(body, "mistral_ai");

        Assert.Equal("mistral", result.Provider);
        Assert.Equal(new TokenUsage(11, 99), result.Usage);
    }

    [Fact]
    public void Cached_tokens_detail_counts_as_cache_read_inside_prompt()
    {
        var usage = ProviderJson.Parse("""
            {"prompt_tokens": 300, "completion_tokens": 20, "total_tokens": 320, "prompt_tokens_details": {"cached_tokens": 256}}
            """);

        Assert.Equal(new TokenUsage(300, 20, CacheReadTokens: 256), MistralChatUsageAdapter.FromUsage(usage));
    }
}
