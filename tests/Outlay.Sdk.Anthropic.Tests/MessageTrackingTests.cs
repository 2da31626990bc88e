using System.Text.Json;
using Outlay.Core.Providers;
using Outlay.Sdk.Anthropic.Tests.Support;
using Outlay.Testing;

namespace Outlay.Sdk.Anthropic.Tests;

public sealed class MessageTrackingTests
{
    // The newer usage shape: a 5-minute / 1-hour split of the cache writes, cache reads and a service tier.
    private const string SplitCacheBody = """
        {
          "id": "msg_01SplitCacheExample0000",
          "type": "message",
          "role": "assistant",
          "model": "claude-sonnet-4-5-20250929",
          "content": [{ "type": "text", "text": "A split cache reply that must stay private." }],
          "stop_reason": "end_turn",
          "stop_sequence": null,
          "usage": {
            "input_tokens": 12,
            "cache_creation_input_tokens": 3000,
            "cache_read_input_tokens": 500,
            "cache_creation": { "ephemeral_5m_input_tokens": 1000, "ephemeral_1h_input_tokens": 2000 },
            "output_tokens": 77,
            "service_tier": "priority"
          }
        }
        """;

    [Fact]
    public async Task A_recorded_message_is_sent_with_cache_creation_counted_in_input()
    {
        var body = SharedFixtures.ReadText(RecordedAnthropic.MessagePath);
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(RecordedAnthropic.ToMessage(body)));

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("anthropic", sent.GetProperty("provider").GetString());
        Assert.Equal("claude-3-5-sonnet-20240620", sent.GetProperty("model").GetString());
        Assert.Equal("chat", sent.GetProperty("operation").GetString());
        Assert.Equal("ok", sent.GetProperty("status").GetString());
        var usage = sent.GetProperty("usage");
        Assert.Equal(1167, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(187, usage.GetProperty("output_tokens").GetInt64());
        Assert.Equal(1163, usage.GetProperty("cache_write_tokens").GetInt64());
        Assert.Equal(0, CountOrZero(usage, "cache_read_tokens"));
        Assert.Equal(0, CountOrZero(usage, "cache_write_1h_tokens"));
    }

    [Fact]
    public async Task The_recorded_usage_equals_what_the_core_reads_from_the_same_body()
    {
        var body = SharedFixtures.ReadText(RecordedAnthropic.MessagePath);
        await using var outlay = new RecordingOutlay();

        outlay.Client.TrackUsage(RecordedAnthropic.ToMessage(body));

        AssertSameUsage(ProviderResponseReader.Read(body), await outlay.SingleEventAsync());
    }

    [Fact]
    public async Task The_five_minute_and_one_hour_split_and_the_service_tier_are_sent()
    {
        await using var outlay = new RecordingOutlay();

        outlay.Client.TrackUsage(RecordedAnthropic.ToMessage(SplitCacheBody));

        var sent = await outlay.SingleEventAsync();
        var usage = sent.GetProperty("usage");
        Assert.Equal(12 + 3000 + 500, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(500, usage.GetProperty("cache_read_tokens").GetInt64());
        Assert.Equal(1000, usage.GetProperty("cache_write_tokens").GetInt64());
        Assert.Equal(2000, usage.GetProperty("cache_write_1h_tokens").GetInt64());
        Assert.Equal("priority", sent.GetProperty("service_tier").GetString());
        AssertSameUsage(ProviderResponseReader.Read(SplitCacheBody), sent);
    }

    [Fact]
    public async Task The_context_sets_provider_tags_key_label_latency_service_and_environment()
    {
        await using var outlay = new RecordingOutlay();
        var context = new AnthropicUsageContext
        {
            Provider = "aws.bedrock",
            Tags = new Dictionary<string, string> { ["feature"] = "summarize" },
            KeyLabel = "anthropic-prod",
            LatencyMs = 1234,
            Service = "checkout",
            Environment = "staging",
        };

        outlay.Client.TrackUsage(RecordedAnthropic.ToMessage(SplitCacheBody), context);

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("bedrock", sent.GetProperty("provider").GetString());
        Assert.Equal("summarize", sent.GetProperty("tags").GetProperty("feature").GetString());
        Assert.Equal("anthropic-prod", sent.GetProperty("key_label").GetString());
        Assert.Equal(1234, sent.GetProperty("latency_ms").GetInt64());
        Assert.Equal("checkout", sent.GetProperty("service").GetString());
        Assert.Equal("staging", sent.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Tags_the_server_would_refuse_are_left_out_and_the_event_is_kept()
    {
        await using var outlay = new RecordingOutlay();
        var context = new AnthropicUsageContext
        {
            Tags = new Dictionary<string, string>
            {
                ["feature"] = "summarize",
                ["Bad Key"] = "x",
                ["long"] = new string('v', 129),
            },
        };

        Assert.True(outlay.Client.TrackUsage(RecordedAnthropic.ToMessage(SplitCacheBody), context));

        var tags = (await outlay.SingleEventAsync()).GetProperty("tags");
        Assert.Equal("summarize", tags.GetProperty("feature").GetString());
        Assert.Single(tags.EnumerateObject());
    }

    [Fact]
    public async Task A_bedrock_message_id_reports_bedrock_without_an_override()
    {
        await using var outlay = new RecordingOutlay();
        var body = SplitCacheBody.Replace("msg_01SplitCacheExample0000", "msg_bdrk_01SplitCacheExample", StringComparison.Ordinal);

        outlay.Client.TrackUsage(RecordedAnthropic.ToMessage(body));

        Assert.Equal("bedrock", (await outlay.SingleEventAsync()).GetProperty("provider").GetString());
    }

    [Fact]
    public async Task No_content_of_the_message_reaches_outlay()
    {
        var body = SharedFixtures.ReadText(RecordedAnthropic.MessagePath);
        Assert.Contains(RecordedAnthropic.ContentCanary, body, StringComparison.Ordinal);
        await using var outlay = new RecordingOutlay();

        outlay.Client.TrackUsage(RecordedAnthropic.ToMessage(body));
        outlay.Client.TrackUsage(RecordedAnthropic.ToMessage(SplitCacheBody));

        var sent = string.Concat(await outlay.BodiesAsync());
        Assert.Contains("claude-3-5-sonnet-20240620", sent, StringComparison.Ordinal);
        Assert.DoesNotContain(RecordedAnthropic.ContentCanary, sent, StringComparison.Ordinal);
        Assert.DoesNotContain("must stay private", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_without_usage_or_model_is_not_tracked_and_nothing_throws()
    {
        await using var outlay = new RecordingOutlay();

        Assert.False(outlay.Client.TrackUsage(RecordedAnthropic.ToMessage("""{"id":"msg_1","type":"message","model":"claude-x","content":[]}""")));
        Assert.False(outlay.Client.TrackUsage(RecordedAnthropic.ToMessage("""{"id":"msg_2","type":"message","usage":{"input_tokens":1,"output_tokens":2}}""")));
        Assert.False(outlay.Client.TrackUsage(null!));

        Assert.Empty(await outlay.EventsAsync());
    }

    internal static void AssertSameUsage(ProviderUsage expected, JsonElement sent)
    {
        var usage = sent.GetProperty("usage");
        Assert.Equal(expected.Provider, sent.GetProperty("provider").GetString());
        Assert.Equal(expected.Model, sent.GetProperty("model").GetString());
        Assert.Equal(expected.Usage.InputTokens, CountOrZero(usage, "input_tokens"));
        Assert.Equal(expected.Usage.OutputTokens, CountOrZero(usage, "output_tokens"));
        Assert.Equal(expected.Usage.CacheReadTokens, CountOrZero(usage, "cache_read_tokens"));
        Assert.Equal(expected.Usage.CacheWriteTokens, CountOrZero(usage, "cache_write_tokens"));
        Assert.Equal(expected.Usage.CacheWrite1hTokens, CountOrZero(usage, "cache_write_1h_tokens"));
        Assert.Equal(expected.Usage.ReasoningTokens, CountOrZero(usage, "reasoning_tokens"));
        Assert.Equal(expected.ServiceTier, sent.TryGetProperty("service_tier", out var tier) ? tier.GetString() : null);
    }

    // The SDK may leave zero counts off the wire.
    internal static long CountOrZero(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var count) && count.ValueKind == JsonValueKind.Number ? count.GetInt64() : 0;
}
