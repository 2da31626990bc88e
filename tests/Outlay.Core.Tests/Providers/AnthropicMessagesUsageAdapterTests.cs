using Outlay.Core.Events;
using Outlay.Core.Providers;
using Outlay.Testing;

namespace Outlay.Core.Tests.Providers;

public sealed class AnthropicMessagesUsageAdapterTests
{
    [Fact]
    public void Cache_write_fixture_adds_cache_creation_to_input()
    {
        var body = ProviderJson.Parse(SharedFixtures.ReadText("fixtures/anthropic/messages_cache-write_claude-3-5-sonnet.json"));

        var result = AnthropicMessagesUsageAdapter.FromResponse(body);

        // input_tokens 4 excludes cache: 4 + 1163 creation + 0 read = 1167; no split, so all 1163 are 5-minute writes.
        Assert.Equal(new TokenUsage(1167, 187, CacheReadTokens: 0, CacheWriteTokens: 1163), result.Usage);
        Assert.Equal("anthropic", result.Provider);
        Assert.Equal("claude-3-5-sonnet-20240620", result.Model);
        Assert.Equal("msg_01EF3r8zYyZntM4Sg9a5kc6k", result.ResponseId);
        Assert.Equal(Operations.Chat, result.Operation);
        Assert.Null(result.ServiceTier);
    }

    [Fact]
    public void Stream_fixture_takes_input_from_message_start_and_the_last_cumulative_output()
    {
        var body = SharedFixtures.ReadText("fixtures/anthropic/messages_stream_cache-write.sse.txt");

        var result = ProviderResponseReader.Read(body);

        // message_start: input 4 + creation 1165 = 1169, output 1; message_delta: output 201 (cumulative, not 1 + 201).
        Assert.Equal(new TokenUsage(1169, 201, CacheWriteTokens: 1165), result.Usage);
        Assert.Equal("anthropic", result.Provider);
        Assert.Equal("claude-3-5-sonnet-20240620", result.Model);
        Assert.Equal("msg_017FfRkh9PCC8YbjnhDMrPuK", result.ResponseId);
    }

    [Fact]
    public void Ttl_split_puts_one_hour_writes_in_their_own_bucket()
    {
        var usage = ProviderJson.Parse("""
            {"input_tokens": 12, "cache_creation_input_tokens": 3000, "cache_read_input_tokens": 500,
             "cache_creation": {"ephemeral_5m_input_tokens": 1000, "ephemeral_1h_input_tokens": 2000},
             "output_tokens": 250, "service_tier": "standard"}
            """);

        // input = 12 + 500 + 3000 = 3512; writes split 1000 (5m) / 2000 (1h).
        Assert.Equal(
            new TokenUsage(3512, 250, CacheReadTokens: 500, CacheWriteTokens: 1000, CacheWrite1hTokens: 2000),
            AnthropicMessagesUsageAdapter.FromUsage(usage));
    }

    [Fact]
    public void Standard_tier_maps_to_default_and_thinking_counts_as_reasoning()
    {
        var body = ProviderJson.Parse("""
            {"id": "msg_1", "type": "message", "model": "claude-sonnet-4-20250514", "content": [],
             "usage": {"input_tokens": 20, "output_tokens": 900, "output_tokens_details": {"thinking_tokens": 700},
                       "service_tier": "standard"}}
            """);

        var result = AnthropicMessagesUsageAdapter.FromResponse(body);

        Assert.Equal(new TokenUsage(20, 900, ReasoningTokens: 700), result.Usage);
        Assert.Equal(ServiceTiers.Default, result.ServiceTier);
    }

    [Fact]
    public void Bedrock_invoke_model_body_is_reported_as_bedrock()
    {
        var body = ProviderJson.Parse("""
            {"id": "msg_bdrk_01Abc", "type": "message", "role": "assistant", "model": "claude-3-7-sonnet-20250219",
             "content": [{"type": "text", "text": "hi"}],
             "usage": {"input_tokens": 30, "cache_read_input_tokens": 1200, "cache_creation_input_tokens": 0, "output_tokens": 40}}
            """);

        var result = ProviderResponseReader.Read(body.GetRawText());

        // 30 + 1200 read + 0 written = 1230.
        Assert.Equal("bedrock", result.Provider);
        Assert.Equal(new TokenUsage(1230, 40, CacheReadTokens: 1200), result.Usage);
    }

    [Fact]
    public void Message_delta_repeating_input_counts_is_not_added_twice()
    {
        var body = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_2","type":"message","model":"claude-opus-4-1","content":[],"usage":{"input_tokens":10,"cache_read_input_tokens":2000,"output_tokens":1}}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":null},"usage":{"input_tokens":10,"cache_read_input_tokens":2000,"output_tokens":50}}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":120}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

        var result = ProviderResponseReader.Read(body);

        // input 10 + 2000 read = 2010 (once); output is the last cumulative value, 120.
        Assert.Equal(new TokenUsage(2010, 120, CacheReadTokens: 2000), result.Usage);
        Assert.Equal("claude-opus-4-1", result.Model);
    }
}
