using Outlay.Core.Events;
using Outlay.Core.Providers;

namespace Outlay.Core.Tests.Providers;

public sealed class BedrockConverseUsageAdapterTests
{
    [Fact]
    public void Converse_input_excludes_cache_so_writes_are_added()
    {
        // The Amazon Nova example of telemetry.md 4.5, with the duplicated *TokenCount aliases.
        var body = ProviderJson.Parse("""
            {"output": {"message": {"role": "assistant", "content": [{"text": "private"}]}}, "stopReason": "end_turn",
             "usage": {"inputTokens": 10, "outputTokens": 2, "totalTokens": 1310,
                       "cacheReadInputTokens": 0, "cacheWriteInputTokens": 1298,
                       "cacheReadInputTokenCount": 0, "cacheWriteInputTokenCount": 1298},
             "metrics": {"latencyMs": 812}}
            """);

        var result = BedrockConverseUsageAdapter.FromResponse(body, "us.amazon.nova-pro-v1:0");

        // input = 10 + 0 + 1298 = 1308 (aliases not added again); 1308 + 2 output = totalTokens 1310.
        Assert.Equal(new TokenUsage(1308, 2, CacheWriteTokens: 1298), result.Usage);
        Assert.Equal(1310, result.Usage.InputTokens + result.Usage.OutputTokens);
        Assert.Equal("bedrock", result.Provider);
        Assert.Equal("us.amazon.nova-pro-v1:0", result.Model);
    }

    [Fact]
    public void Cache_details_split_writes_by_ttl()
    {
        var usage = ProviderJson.Parse("""
            {"inputTokens": 20, "outputTokens": 100, "totalTokens": 3120, "cacheReadInputTokens": 1000,
             "cacheWriteInputTokens": 2000,
             "cacheDetails": [{"ttl": "1h", "inputTokens": 1500}, {"ttl": "5m", "inputTokens": 500}]}
            """);

        // input = 20 + 1000 + 2000 = 3020; writes 1500 (1h) and 2000 - 1500 = 500 (5m).
        Assert.Equal(
            new TokenUsage(3020, 100, CacheReadTokens: 1000, CacheWriteTokens: 500, CacheWrite1hTokens: 1500),
            BedrockConverseUsageAdapter.FromUsage(usage));
    }

    [Fact]
    public void Only_aliases_present_are_read_once()
    {
        var usage = ProviderJson.Parse("""
            {"inputTokens": 5, "outputTokens": 7, "totalTokens": 412, "cacheReadInputTokenCount": 400}
            """);

        // 5 + 400 = 405.
        Assert.Equal(new TokenUsage(405, 7, CacheReadTokens: 400), BedrockConverseUsageAdapter.FromUsage(usage));
    }

    [Fact]
    public void Converse_stream_metadata_event_is_read_with_the_model_hint()
    {
        var body = """
            {"metadata": {"usage": {"inputTokens": 12, "outputTokens": 30, "totalTokens": 542, "cacheReadInputTokens": 500},
                          "metrics": {"latencyMs": 400}}}
            """;

        var result = ProviderResponseReader.Read(body, modelHint: "anthropic.claude-3-haiku-20240307-v1:0");

        // 12 + 500 = 512 input.
        Assert.Equal(new TokenUsage(512, 30, CacheReadTokens: 500), result.Usage);
        Assert.Equal("bedrock", result.Provider);
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", result.Model);
        Assert.Null(result.ResponseId);
    }

    [Fact]
    public void Stream_of_decoded_events_finds_the_metadata_event()
    {
        var body = """
            [{"messageStart": {"role": "assistant"}},
             {"contentBlockDelta": {"delta": {"text": "private"}, "contentBlockIndex": 0}},
             {"messageStop": {"stopReason": "end_turn"}},
             {"metadata": {"usage": {"inputTokens": 3, "outputTokens": 4, "totalTokens": 7}, "metrics": {"latencyMs": 90}}}]
            """;

        Assert.Equal(new TokenUsage(3, 4), ProviderResponseReader.Read(body, "aws.bedrock").Usage);
    }
}
