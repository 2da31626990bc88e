using System.Text.Json;
using Outlay.Core.Providers;
using Outlay.Sdk.OpenAI.Tests.Support;
using Outlay.Testing;

namespace Outlay.Sdk.OpenAI.Tests;

/// <summary>What is recorded from an SDK object equals what the core reads from the same raw body: one set of token rules.</summary>
public sealed class CoreParityTests
{
    [Theory]
    [InlineData(OpenAIBodies.CacheWrite)]
    [InlineData(OpenAIBodies.CacheRead)]
    [InlineData(OpenAIBodies.Gpt4oMini)]
    public async Task A_chat_completion_is_recorded_as_the_core_reads_its_body(string fixture)
    {
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(OpenAIBodies.ChatCompletion(fixture)));

        AssertSame(ProviderResponseReader.Read(SharedFixtures.ReadText(fixture)), await outlay.SingleEventAsync());
    }

    [Fact]
    public async Task A_stream_is_recorded_as_the_core_reads_its_server_sent_events()
    {
        await using var outlay = new RecordingOutlay();

        await foreach (var update in outlay.Client.TrackStreamingUsage(OpenAIBodies.AsAsync(OpenAIBodies.StreamUpdates(OpenAIBodies.Stream)))
            .WithCancellation(TestContext.Current.CancellationToken))
        {
            _ = update;
        }

        AssertSame(ProviderResponseReader.Read(SharedFixtures.ReadText(OpenAIBodies.Stream)), await outlay.SingleEventAsync());
    }

    [Fact]
    public async Task Responses_and_embeddings_results_are_recorded_as_the_core_reads_their_bodies()
    {
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(OpenAIBodies.Response(OpenAIBodies.ResponsesBody)));
        Assert.True(outlay.Client.TrackUsage(OpenAIBodies.Embeddings(OpenAIBodies.EmbeddingsBody)));

        var events = await outlay.EventsAsync();
        Assert.Equal(2, events.Count);
        AssertSame(ProviderResponseReader.Read(OpenAIBodies.ResponsesBody), events[0]);
        AssertSame(ProviderResponseReader.Read(OpenAIBodies.EmbeddingsBody), events[1]);
    }

    [Fact]
    public async Task An_openai_compatible_answer_read_through_the_sdk_gets_its_own_providers_rules()
    {
        // DeepSeek reports cache hits only as prompt_cache_hit_tokens, a field the SDK has no property for.
        const string body = """
            {"id":"0f6c1e0a","object":"chat.completion","created":1784092252,"model":"deepseek-chat",
             "choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":100,"completion_tokens":10,"total_tokens":110,"prompt_cache_hit_tokens":64,"prompt_cache_miss_tokens":36}}
            """;
        await using var outlay = new RecordingOutlay();

        Assert.True(outlay.Client.TrackUsage(OpenAIBodies.ChatCompletionFromBody(body), new OpenAIUsageContext { Provider = "deepseek" }));

        var sent = await outlay.SingleEventAsync();
        Assert.Equal(64, sent.GetProperty("usage").GetProperty("cache_read_tokens").GetInt64());
        AssertSame(ProviderResponseReader.Read(body, "deepseek"), sent);
    }

    private static void AssertSame(ProviderUsage expected, JsonElement sent)
    {
        Assert.Equal(expected.Provider, sent.GetProperty("provider").GetString());
        Assert.Equal(expected.Model, sent.GetProperty("model").GetString());
        Assert.Equal(expected.Operation, sent.GetProperty("operation").GetString());
        Assert.Equal(expected.ServiceTier, sent.TryGetProperty("service_tier", out var tier) ? tier.GetString() : null);
        var usage = sent.GetProperty("usage");
        Assert.Equal(expected.Usage.InputTokens, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(expected.Usage.OutputTokens, usage.GetProperty("output_tokens").GetInt64());
        Assert.Equal(expected.Usage.CacheReadTokens, usage.GetProperty("cache_read_tokens").GetInt64());
        Assert.Equal(expected.Usage.CacheWriteTokens, usage.GetProperty("cache_write_tokens").GetInt64());
        Assert.Equal(expected.Usage.CacheWrite1hTokens, usage.GetProperty("cache_write_1h_tokens").GetInt64());
        Assert.Equal(expected.Usage.ReasoningTokens, usage.GetProperty("reasoning_tokens").GetInt64());
    }
}
