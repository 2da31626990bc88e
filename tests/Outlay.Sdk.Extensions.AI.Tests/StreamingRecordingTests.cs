using Microsoft.Extensions.AI;
using Outlay.Sdk.Extensions.AI.Tests.Support;

namespace Outlay.Sdk.Extensions.AI.Tests;

public sealed class StreamingRecordingTests
{
    private static readonly ChatMessage[] Prompt = [new(ChatRole.User, "hello")];

    private static ChatResponseUpdate[] Script() =>
    [
        new(ChatRole.Assistant, "Hel") { ModelId = "gpt-4o-2024-08-06", ResponseId = "chatcmpl-2" },
        new(ChatRole.Assistant, "lo") { ModelId = "gpt-4o-2024-08-06" },
        new(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 50, OutputTokenCount = 7, CachedInputTokenCount = 32 })]),
        new(ChatRole.Assistant, [new UsageContent(new UsageDetails { InputTokenCount = 10, OutputTokenCount = 3, ReasoningTokenCount = 2 })])
        {
            AdditionalProperties = new() { ["service_tier"] = "priority" },
        },
    ];

    [Fact]
    public async Task A_completed_stream_records_summed_usage_and_the_streamed_model_once()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o")) { StreamUpdates = Script() };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        var received = 0;
        await foreach (var _ in client.GetStreamingResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken))
        {
            received++;
        }

        Assert.Equal(4, received);
        var e = await outlay.SingleEventAsync();
        Assert.Equal("ok", e.Text("status"));
        Assert.Equal("gpt-4o-2024-08-06", e.Text("model"));
        Assert.Equal("priority", e.Text("service_tier"));
        Assert.Equal(60, e.Usage("input_tokens"));
        Assert.Equal(10, e.Usage("output_tokens"));
        Assert.Equal(32, e.Usage("cache_read_tokens"));
        Assert.Equal(2, e.Usage("reasoning_tokens"));
    }

    [Fact]
    public async Task Summed_usage_matches_what_ToChatResponse_computes()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o")) { StreamUpdates = Script() };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        var expected = Script().ToChatResponse().Usage!;
        await foreach (var _ in client.GetStreamingResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken))
        {
        }

        var e = await outlay.SingleEventAsync();
        Assert.Equal(expected.InputTokenCount, e.Usage("input_tokens"));
        Assert.Equal(expected.OutputTokenCount, e.Usage("output_tokens"));
    }

    [Fact]
    public async Task A_stream_abandoned_early_is_recorded_once_as_cancelled_with_the_usage_seen_so_far()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o")) { StreamUpdates = Script() };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        var received = 0;
        await foreach (var _ in client.GetStreamingResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken))
        {
            if (++received == 3)
            {
                break;
            }
        }

        var e = await outlay.SingleEventAsync();
        Assert.Equal("cancelled", e.Text("status"));
        Assert.Equal("gpt-4o-2024-08-06", e.Text("model"));
        Assert.Equal(50, e.Usage("input_tokens"));
        Assert.Equal(7, e.Usage("output_tokens"));
    }

    [Fact]
    public async Task A_stream_cancelled_by_the_caller_is_recorded_as_cancelled()
    {
        await using var outlay = new RecordingOutlay();
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o")) { StreamUpdates = Script() };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Prompt, cancellationToken: cancellation.Token))
            {
                await cancellation.CancelAsync();
            }
        });

        var e = await outlay.SingleEventAsync();
        Assert.Equal("cancelled", e.Text("status"));
        Assert.Equal("gpt-4o-2024-08-06", e.Text("model"));
    }

    [Fact]
    public async Task A_stream_that_fails_propagates_the_exception_and_records_an_error_with_the_usage_seen()
    {
        await using var outlay = new RecordingOutlay();
        var failure = new HttpRequestException("connection reset");
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o")) { StreamUpdates = Script()[..3], StreamFailure = failure };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Same(failure, thrown);
        var e = await outlay.SingleEventAsync();
        Assert.Equal("error", e.Text("status"));
        Assert.Equal(50, e.Usage("input_tokens"));
    }

    [Fact]
    public async Task A_stream_that_fails_to_start_records_an_error()
    {
        await using var outlay = new RecordingOutlay();
        var failure = new ArgumentException("bad request");
        var inner = new ScriptedChatClient(new ChatClientMetadata("openai", null, "gpt-4o")) { StreamStartFailure = failure };
        using var client = new ChatClientBuilder(inner).UseOutlay(outlay.Client).Build();

        var thrown = await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Prompt, cancellationToken: TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Same(failure, thrown);
        var e = await outlay.SingleEventAsync();
        Assert.Equal("error", e.Text("status"));
        Assert.Equal("gpt-4o", e.Text("model"));
    }
}
