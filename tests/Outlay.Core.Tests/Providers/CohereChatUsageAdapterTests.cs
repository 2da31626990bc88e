using Outlay.Core.Events;
using Outlay.Core.Providers;

namespace Outlay.Core.Tests.Providers;

public sealed class CohereChatUsageAdapterTests
{
    [Fact]
    public void V2_bills_on_billed_units_not_raw_tokens()
    {
        // Real ratio of telemetry.md 4.6: billed input 7 against raw 69 (template tokens are not billed).
        var body = ProviderJson.Parse("""
            {"id": "c14c80c3-18eb-4519-9460-6c92edd8cfb4", "finish_reason": "COMPLETE",
             "message": {"role": "assistant", "content": [{"type": "text", "text": "private"}]},
             "usage": {"billed_units": {"input_tokens": 7, "output_tokens": 120},
                       "tokens": {"input_tokens": 69, "output_tokens": 121}}}
            """);

        var result = CohereChatUsageAdapter.FromResponse(body, "command-a-03-2025");

        Assert.Equal(new TokenUsage(7, 120), result.Usage);
        Assert.Equal("cohere", result.Provider);
        Assert.Equal("command-a-03-2025", result.Model);
        Assert.Equal("c14c80c3-18eb-4519-9460-6c92edd8cfb4", result.ResponseId);
    }

    [Fact]
    public void V2_cached_tokens_are_cache_reads_added_to_billed_input()
    {
        var usage = ProviderJson.Parse("""
            {"billed_units": {"input_tokens": 7, "output_tokens": 20}, "tokens": {"input_tokens": 133, "output_tokens": 21},
             "cached_tokens": 64}
            """);

        // input = 7 billed + 64 cached = 71.
        Assert.Equal(new TokenUsage(71, 20, CacheReadTokens: 64), CohereChatUsageAdapter.FromUsage(usage));
    }

    [Fact]
    public void V1_reads_billed_units_under_meta()
    {
        var body = """
            {"response_id": "r-1", "text": "private", "generation_id": "g-1",
             "meta": {"api_version": {"version": "1"}, "billed_units": {"input_tokens": 7, "output_tokens": 99},
                      "tokens": {"input_tokens": 69, "output_tokens": 99}}}
            """;

        var result = ProviderResponseReader.Read(body, modelHint: "command-r");

        Assert.Equal(new TokenUsage(7, 99), result.Usage);
        Assert.Equal("cohere", result.Provider);
        Assert.Equal("r-1", result.ResponseId);
        Assert.Equal("command-r", result.Model);
    }

    [Fact]
    public void V2_stream_message_end_carries_the_usage()
    {
        var body = """
            event: content-delta
            data: {"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"private"}}}}

            event: message-end
            data: {"type":"message-end","delta":{"finish_reason":"COMPLETE","usage":{"billed_units":{"input_tokens":5,"output_tokens":8},"tokens":{"input_tokens":70,"output_tokens":8}}}}

            """;

        Assert.Equal(new TokenUsage(5, 8), ProviderResponseReader.Read(body).Usage);
        Assert.Equal("cohere", ProviderResponseReader.Read(body).Provider);
        Assert.Equal("azure.ai.inference", ProviderResponseReader.Read(body, "azure.ai.inference").Provider);
    }
}
