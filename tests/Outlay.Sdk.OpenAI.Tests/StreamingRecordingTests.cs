using OpenAI.Chat;
using Outlay.Sdk.OpenAI.Tests.Support;

namespace Outlay.Sdk.OpenAI.Tests;

public sealed class StreamingRecordingTests
{
    [Fact]
    public async Task A_whole_stream_is_passed_through_unchanged_and_recorded_once_with_the_final_usage()
    {
        var updates = OpenAIBodies.StreamUpdates(OpenAIBodies.Stream);
        await using var outlay = new RecordingOutlay();

        var seen = new List<StreamingChatCompletionUpdate>();
        await foreach (var update in outlay.Client.TrackStreamingUsage(OpenAIBodies.AsAsync(updates)).WithCancellation(TestContext.Current.CancellationToken))
        {
            seen.Add(update);
        }

        Assert.Equal(updates, seen);
        var sent = await outlay.SingleEventAsync();
        Assert.Equal("gpt-4o-2024-08-06", sent.GetProperty("model").GetString());
        Assert.Equal("ok", sent.GetProperty("status").GetString());
        Assert.Equal("default", sent.GetProperty("service_tier").GetString());
        Assert.Equal(26, sent.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(10, sent.GetProperty("usage").GetProperty("output_tokens").GetInt64());
        Assert.True(sent.GetProperty("latency_ms").GetInt64() >= 0);
    }

    [Fact]
    public async Task The_final_update_alone_can_be_recorded_and_earlier_updates_are_refused()
    {
        var updates = OpenAIBodies.StreamUpdates(OpenAIBodies.Stream);
        await using var outlay = new RecordingOutlay();

        Assert.False(outlay.Client.TrackUsage(updates[0]));
        Assert.True(outlay.Client.TrackUsage(updates[^1], new OpenAIUsageContext { LatencyMs = 950 }));

        var sent = await outlay.SingleEventAsync();
        Assert.Equal(26, sent.GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal(950, sent.GetProperty("latency_ms").GetInt64());
        Assert.Equal("chat", sent.GetProperty("operation").GetString());
    }

    [Fact]
    public async Task A_stream_abandoned_early_is_recorded_once_as_cancelled()
    {
        var updates = OpenAIBodies.StreamUpdates(OpenAIBodies.Stream);
        await using var outlay = new RecordingOutlay();

        var read = 0;
        await foreach (var update in outlay.Client.TrackStreamingUsage(OpenAIBodies.AsAsync(updates)).WithCancellation(TestContext.Current.CancellationToken))
        {
            if (++read == 3)
            {
                break;
            }
        }

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("cancelled", sent.GetProperty("status").GetString());
        Assert.Equal("gpt-4o-2024-08-06", sent.GetProperty("model").GetString());

        // The usage update never arrived, so no tokens are claimed.
        Assert.Equal(0, sent.GetProperty("usage").GetProperty("input_tokens").GetInt64());
    }

    [Fact]
    public async Task A_stream_that_fails_is_recorded_as_an_error_and_the_exception_reaches_the_caller()
    {
        var updates = OpenAIBodies.StreamUpdates(OpenAIBodies.Stream).Take(4);
        await using var outlay = new RecordingOutlay();

        await Assert.ThrowsAsync<IOException>(async () =>
        {
            await foreach (var update in outlay.Client.TrackStreamingUsage(OpenAIBodies.AsAsync(updates, new IOException("connection reset")))
                .WithCancellation(TestContext.Current.CancellationToken))
            {
                _ = update;
            }
        });

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("error", sent.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stream_that_never_named_a_model_records_nothing()
    {
        await using var outlay = new RecordingOutlay();

        await foreach (var update in outlay.Client.TrackStreamingUsage(OpenAIBodies.AsAsync([])).WithCancellation(TestContext.Current.CancellationToken))
        {
            _ = update;
        }

        Assert.Empty(await outlay.EventsAsync());
    }
}
