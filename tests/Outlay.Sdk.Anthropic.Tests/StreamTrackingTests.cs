using Anthropic.Models.Messages;
using Outlay.Core.Providers;
using Outlay.Sdk.Anthropic.Tests.Support;
using Outlay.Testing;

namespace Outlay.Sdk.Anthropic.Tests;

public sealed class StreamTrackingTests
{
    [Fact]
    public async Task A_finished_stream_records_one_event_with_the_last_cumulative_output()
    {
        var sse = SharedFixtures.ReadText(RecordedAnthropic.StreamPath);
        var events = RecordedAnthropic.ToStreamEvents(sse);
        await using var outlay = new RecordingOutlay();

        var seen = 0;
        await foreach (var _ in outlay.Client.TrackStream(RecordedAnthropic.Replay(events)).WithCancellation(TestContext.Current.CancellationToken))
        {
            seen++;
        }

        Assert.Equal(events.Count, seen);
        var sent = await outlay.SingleEventAsync();
        Assert.Equal("ok", sent.GetProperty("status").GetString());
        Assert.Equal("claude-3-5-sonnet-20240620", sent.GetProperty("model").GetString());
        var usage = sent.GetProperty("usage");
        Assert.Equal(4 + 1165, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(1165, usage.GetProperty("cache_write_tokens").GetInt64());
        Assert.Equal(201, usage.GetProperty("output_tokens").GetInt64());
        Assert.True(sent.TryGetProperty("latency_ms", out _));
        MessageTrackingTests.AssertSameUsage(ProviderResponseReader.Read(sse), sent);
    }

    [Fact]
    public async Task The_wrapper_passes_every_event_through_unchanged()
    {
        var events = RecordedAnthropic.ToStreamEvents(SharedFixtures.ReadText(RecordedAnthropic.StreamPath));
        await using var outlay = new RecordingOutlay();

        var passed = new List<RawMessageStreamEvent>();
        await foreach (var streamEvent in outlay.Client.TrackStream(RecordedAnthropic.Replay(events)).WithCancellation(TestContext.Current.CancellationToken))
        {
            passed.Add(streamEvent);
        }

        Assert.Equal(events, passed);
    }

    [Fact]
    public async Task A_stream_left_early_is_cancelled_with_the_usage_known_so_far()
    {
        var events = RecordedAnthropic.ToStreamEvents(SharedFixtures.ReadText(RecordedAnthropic.StreamPath));
        await using var outlay = new RecordingOutlay();

        var seen = 0;
        await foreach (var _ in outlay.Client.TrackStream(RecordedAnthropic.Replay(events)).WithCancellation(TestContext.Current.CancellationToken))
        {
            if (++seen == 3)
            {
                break;
            }
        }

        var sent = await outlay.SingleEventAsync();
        Assert.Equal("cancelled", sent.GetProperty("status").GetString());
        var usage = sent.GetProperty("usage");
        Assert.Equal(1169, usage.GetProperty("input_tokens").GetInt64());
        Assert.Equal(1, usage.GetProperty("output_tokens").GetInt64());
    }

    [Fact]
    public async Task A_cancelled_stream_is_cancelled_and_the_cancellation_reaches_the_caller()
    {
        var events = RecordedAnthropic.ToStreamEvents(SharedFixtures.ReadText(RecordedAnthropic.StreamPath));
        await using var outlay = new RecordingOutlay();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            var seen = 0;
            await foreach (var _ in outlay.Client.TrackStream(RecordedAnthropic.Replay(events)).WithCancellation(cancellation.Token))
            {
                if (++seen == 5)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal("cancelled", (await outlay.SingleEventAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_failing_stream_records_an_error_and_rethrows_the_sdk_exception()
    {
        var events = RecordedAnthropic.ToStreamEvents(SharedFixtures.ReadText(RecordedAnthropic.StreamPath));
        await using var outlay = new RecordingOutlay();
        var failure = new HttpRequestException("connection reset");

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var _ in outlay.Client.TrackStream(RecordedAnthropic.Replay(events.Take(4).ToList(), failure)).WithCancellation(TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Same(failure, thrown);
        var sent = await outlay.SingleEventAsync();
        Assert.Equal("error", sent.GetProperty("status").GetString());
        Assert.Equal(1169, sent.GetProperty("usage").GetProperty("input_tokens").GetInt64());
    }

    [Fact]
    public async Task An_http_timeout_is_an_error_not_a_cancellation()
    {
        var events = RecordedAnthropic.ToStreamEvents(SharedFixtures.ReadText(RecordedAnthropic.StreamPath));
        await using var outlay = new RecordingOutlay();
        var timeout = new TaskCanceledException("The request timed out.", new TimeoutException());

        await Assert.ThrowsAsync<TaskCanceledException>(async () =>
        {
            await foreach (var _ in outlay.Client.TrackStream(RecordedAnthropic.Replay(events.Take(4).ToList(), timeout)).WithCancellation(TestContext.Current.CancellationToken))
            {
            }
        });

        Assert.Equal("error", (await outlay.SingleEventAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stream_left_before_message_start_records_nothing()
    {
        var events = RecordedAnthropic.ToStreamEvents(SharedFixtures.ReadText(RecordedAnthropic.StreamPath));
        await using var outlay = new RecordingOutlay();

        var withoutStart = events.Skip(1).ToList();

        var seen = 0;
        await foreach (var _ in outlay.Client.TrackStream(RecordedAnthropic.Replay(withoutStart)).WithCancellation(TestContext.Current.CancellationToken))
        {
            if (++seen == 2)
            {
                break;
            }
        }

        Assert.Empty(await outlay.EventsAsync());
    }

    [Fact]
    public async Task Each_enumeration_records_once_and_no_content_reaches_outlay()
    {
        var sse = SharedFixtures.ReadText(RecordedAnthropic.StreamPath);
        Assert.Contains(RecordedAnthropic.ContentCanary, sse, StringComparison.Ordinal);
        var events = RecordedAnthropic.ToStreamEvents(sse);
        await using var outlay = new RecordingOutlay();
        var tracked = outlay.Client.TrackStream(RecordedAnthropic.Replay(events), new AnthropicUsageContext { Provider = "vertex" });

        for (var i = 0; i < 2; i++)
        {
            await foreach (var _ in tracked.WithCancellation(TestContext.Current.CancellationToken))
            {
            }
        }

        var sent = await outlay.EventsAsync();
        Assert.Equal(2, sent.Count);
        Assert.All(sent, e => Assert.Equal("vertex_ai", e.GetProperty("provider").GetString()));
        Assert.NotEqual(sent[0].GetProperty("id").GetString(), sent[1].GetProperty("id").GetString());
        Assert.DoesNotContain(RecordedAnthropic.ContentCanary, string.Concat(await outlay.BodiesAsync()), StringComparison.Ordinal);
    }
}
