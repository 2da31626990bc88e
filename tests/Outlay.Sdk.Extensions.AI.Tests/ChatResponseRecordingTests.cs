using Microsoft.Extensions.AI;
using Outlay.Sdk.Extensions.AI.Tests.Support;

namespace Outlay.Sdk.Extensions.AI.Tests;

public sealed class ChatResponseRecordingTests
{
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "hello")];

    [Fact]
    public async Task Maps_usage_model_provider_tier_and_key_label_of_a_response()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", new Uri("https://api.openai.com/v1"), "gpt-4o-mini"))
        {
            Respond = _ => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "hi"))
            {
                ModelId = "gpt-4o-mini-2024-07-18",
                ResponseId = "chatcmpl-1",
                Usage = new UsageDetails
                {
                    InputTokenCount = 1200,
                    OutputTokenCount = 300,
                    CachedInputTokenCount = 1024,
                    ReasoningTokenCount = 128,
                    TotalTokenCount = 1500,
                },
                AdditionalProperties = new() { ["ServiceTier"] = "flex" },
            }),
        };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client, o => o.KeyLabel = "openai-prod").Build();

        await client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var e = await outlay.SingleEventAsync();
        Assert.Equal("openai", e.Text("provider"));
        Assert.Equal("gpt-4o-mini-2024-07-18", e.Text("model"));
        Assert.Equal("chat", e.Text("operation"));
        Assert.Equal("ok", e.Text("status"));
        Assert.Equal("flex", e.Text("service_tier"));
        Assert.Equal("openai-prod", e.Text("key_label"));
        Assert.Equal(1200, e.Usage("input_tokens"));
        Assert.Equal(300, e.Usage("output_tokens"));
        Assert.Equal(1024, e.Usage("cache_read_tokens"));
        Assert.Equal(128, e.Usage("reasoning_tokens"));
        Assert.Equal(0, e.Usage("cache_write_tokens"));
        Assert.True(e.GetProperty("latency_ms").GetInt64() >= 0);
    }

    [Fact]
    public async Task Cache_writes_from_additional_counts_are_split_into_five_minute_and_one_hour()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("anthropic"))
        {
            Respond = _ => Task.FromResult(new ChatResponse
            {
                ModelId = "claude-sonnet-4-20250514",
                Usage = new UsageDetails
                {
                    InputTokenCount = 2000,
                    OutputTokenCount = 10,
                    AdditionalCounts = new() { ["CacheCreationInputTokens"] = 1500, ["CacheCreation.Ephemeral1hInputTokens"] = 1000 },
                },
            }),
        };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        await client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var e = await outlay.SingleEventAsync();
        Assert.Equal("anthropic", e.Text("provider"));
        Assert.Equal(500, e.Usage("cache_write_tokens"));
        Assert.Equal(1000, e.Usage("cache_write_1h_tokens"));
    }

    [Theory]
    [InlineData("openai", "https://my-resource.openai.azure.com/", "azure")]
    [InlineData("azure.ai.openai", null, "azure")]
    [InlineData("aws.bedrock", null, "bedrock")]
    [InlineData("gcp.gemini", null, "gemini")]
    [InlineData("Ollama", null, "ollama")]
    [InlineData(null, null, "unknown")]
    public async Task Provider_comes_from_metadata_in_outlay_spelling(string? providerName, string? uri, string expected)
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata(providerName, uri is null ? null : new Uri(uri), "some-model"));
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        await client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken);

        var e = await outlay.SingleEventAsync();
        Assert.Equal(expected, e.Text("provider"));
        Assert.Equal("some-model", e.Text("model"));
    }

    [Fact]
    public async Task Provider_option_overrides_metadata_and_requested_model_is_used_when_the_response_names_none()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "default-model"));
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client, o => o.Provider = "deepseek").Build();

        await client.GetResponseAsync(Prompt, new ChatOptions { ModelId = "deepseek-chat" }, TestContext.Current.CancellationToken);

        var e = await outlay.SingleEventAsync();
        Assert.Equal("deepseek", e.Text("provider"));
        Assert.Equal("deepseek-chat", e.Text("model"));
    }

    [Fact]
    public async Task An_inner_exception_propagates_unchanged_and_records_an_error_event()
    {
        await using var outlay = new RecordingOutlay();
        var failure = new InvalidOperationException("provider said no");
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o")) { Respond = _ => throw failure };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Same(failure, thrown);
        var e = await outlay.SingleEventAsync();
        Assert.Equal("error", e.Text("status"));
        Assert.Equal("gpt-4o", e.Text("model"));
        Assert.Equal(0, e.Usage("input_tokens"));
    }

    [Fact]
    public async Task A_call_cancelled_by_the_caller_is_recorded_as_cancelled()
    {
        await using var outlay = new RecordingOutlay();
        using var cancellation = new CancellationTokenSource();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o"))
        {
            Respond = token =>
            {
                cancellation.Cancel();
                token.ThrowIfCancellationRequested();
                return Task.FromResult(new ChatResponse());
            },
        };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Prompt, cancellationToken: cancellation.Token));

        Assert.Equal("cancelled", (await outlay.SingleEventAsync()).Text("status"));
    }

    [Fact]
    public async Task A_timeout_that_is_not_the_callers_cancellation_is_an_error()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o")) { Respond = _ => throw new TaskCanceledException("timed out") };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("error", (await outlay.SingleEventAsync()).Text("status"));
    }
}
