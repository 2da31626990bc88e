using Outlay.Sdk.OpenAI.Tests.Support;

namespace Outlay.Sdk.OpenAI.Tests;

public sealed class ChatCompletionRecordingTests
{
    [Fact]
    public async Task Cache_write_tokens_survive_the_sdk_object_and_are_counted_inside_input()
    {
        // ChatInputTokenUsageDetails has no property for cache_write_tokens: it reaches the adapter only through the model's own JSON.
        var completion = OpenAIBodies.ChatCompletion(OpenAIBodies.CacheWrite);
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(completion));

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("openai", sent.GetProperty("provider").GetString());
        Assert.Equal("gpt-5.6-sol", sent.GetProperty("model").GetString());
        Assert.Equal("chat", sent.GetProperty("operation").GetString());
        Assert.Equal("default", sent.GetProperty("service_tier").GetString());
        var usage = sent.GetProperty("usage");
        Assert.Equal(4020, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(4, usage.GetProperty("output_tokens").GetInt64());
        Assert.Equal(4012, usage.GetProperty("cache_write_tokens").GetInt64());
        Assert.Equal(0, usage.GetProperty("cache_read_tokens").GetInt64());
    }

    [Fact]
    public async Task Cache_read_tokens_are_counted_inside_input()
    {
        var completion = OpenAIBodies.ChatCompletion(OpenAIBodies.CacheRead);
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(completion));

        var usage = (await outlay.SingleEventAsync()).GetProperty("usage");
        Assert.Equal(4020, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(4012, usage.GetProperty("cache_read_tokens").GetInt64());
        Assert.Equal(0, usage.GetProperty("cache_write_tokens").GetInt64());
        Assert.Equal(4, usage.GetProperty("output_tokens").GetInt64());
    }

    [Fact]
    public async Task A_gpt_4o_mini_completion_reports_its_dated_snapshot_and_tokens()
    {
        var completion = OpenAIBodies.ChatCompletion(OpenAIBodies.Gpt4oMini);
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(completion));

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("gpt-4o-mini-2024-07-18", sent.GetProperty("model").GetString());
        Assert.Equal(11, sent.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(9, sent.GetProperty("usage").GetProperty("output_tokens").GetInt64());
        Assert.Equal(0, sent.GetProperty("usage").GetProperty("reasoning_tokens").GetInt64());
    }

    [Fact]
    public async Task The_context_supplies_provider_key_label_latency_service_environment_and_tags()
    {
        var completion = OpenAIBodies.ChatCompletion(OpenAIBodies.Gpt4oMini);
        var tags = new Dictionary<string, string> { ["feature"] = "summarize", ["customer"] = "acme" };
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(completion, new OpenAIUsageContext
        {
            Provider = "azure.ai.openai",
            KeyLabel = "azure-prod-2026-11",
            LatencyMs = 812,
            Service = "checkout-api",
            Environment = "prod",
            Tags = tags,
        }));
        tags["feature"] = "changed after tracking";

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("azure", sent.GetProperty("provider").GetString());
        Assert.Equal("azure-prod-2026-11", sent.GetProperty("key_label").GetString());
        Assert.Equal(812, sent.GetProperty("latency_ms").GetInt64());
        Assert.Equal("checkout-api", sent.GetProperty("service").GetString());
        Assert.Equal("prod", sent.GetProperty("environment").GetString());
        Assert.Equal("summarize", sent.GetProperty("tags").GetProperty("feature").GetString());
        Assert.Equal("acme", sent.GetProperty("tags").GetProperty("customer").GetString());
    }

    [Fact]
    public async Task Tags_the_server_would_refuse_are_left_out_and_the_event_is_kept()
    {
        var tags = new Dictionary<string, string>
        {
            ["feature"] = "summarize",
            ["Customer"] = "upper-case key",
            ["team name"] = "space in key",
            ["long"] = new string('x', 129),
            ["newline"] = "a\nb",
        };
        for (var i = 0; i < 30; i++)
        {
            tags[$"t{i:D2}"] = "v";
        }

        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(OpenAIBodies.ChatCompletion(OpenAIBodies.Gpt4oMini), new OpenAIUsageContext { Tags = tags }));

        var sent = (await outlay.SingleEventAsync()).GetProperty("tags");
        var names = sent.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(24, names.Count);
        Assert.Equal("summarize", sent.GetProperty("feature").GetString());
        Assert.DoesNotContain("Customer", names);
        Assert.DoesNotContain("team name", names);
        Assert.DoesNotContain("long", names);
        Assert.DoesNotContain("newline", names);
    }

    [Fact]
    public async Task Without_a_context_the_client_defaults_are_sent_and_no_latency()
    {
        var completion = OpenAIBodies.ChatCompletion(OpenAIBodies.Gpt4oMini);
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(completion));

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("tests", sent.GetProperty("service").GetString());
        Assert.False(sent.TryGetProperty("latency_ms", out _));
        Assert.False(sent.TryGetProperty("tags", out _));
        Assert.False(sent.TryGetProperty("key_label", out _));
    }
}
