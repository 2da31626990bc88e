using System.Net.Http;
using Outlay.Sdk.Internal;
using Outlay.Sdk.Tests.Support;

namespace Outlay.Sdk.Tests;

public sealed class RetryTests
{
    [Fact]
    public async Task Server_errors_throttling_and_network_failures_are_retried_with_the_same_ids()
    {
        var transport = new FakeTransport((request, _) => request.Index switch
        {
            0 => Task.FromResult(FakeTransport.Status(500)),
            1 => Task.FromResult(FakeTransport.Status(429)),
            2 => Task.FromResult(FakeTransport.Status(503)),
            3 => Task.FromResult(FakeTransport.Status(408)),
            4 => throw new HttpRequestException("connection refused"),
            _ => Task.FromResult(FakeTransport.Accepted(request.EventCount)),
        });
        await using var client = new OutlayClient(TestOptions.Create(), transport, TimeProvider.System);
        client.Track(TestOptions.Event());

        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        var requests = transport.Requests.ToList();
        Assert.Equal(6, requests.Count);
        Assert.All(requests, r => Assert.Equal(requests[0].Ids, r.Ids));
        var statistics = client.GetStatistics();
        Assert.Equal(1, statistics.Delivered);
        Assert.Equal(0, statistics.DroppedSendFailed);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(413)]
    [InlineData(422)]
    public async Task Refusals_are_dead_lettered_not_retried_and_later_batches_still_go(int status)
    {
        var transport = new FakeTransport((request, _) =>
            Task.FromResult(request.Index == 0 ? FakeTransport.Status(status) : FakeTransport.Accepted(request.EventCount)));
        await using var client = new OutlayClient(TestOptions.Create(), transport, TimeProvider.System);
        client.Track(TestOptions.Event());
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        client.Track(TestOptions.Event());
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        var requests = transport.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.NotEqual(requests[0].Ids, requests[1].Ids);
        var statistics = client.GetStatistics();
        Assert.Equal(1, statistics.DroppedRejected);
        Assert.Equal(1, statistics.Delivered);
    }

    [Fact]
    public async Task Too_large_batches_are_split_in_halves_until_they_pass()
    {
        // The fake server takes at most two events per request.
        var transport = new FakeTransport((request, _) =>
            Task.FromResult(request.EventCount > 2 ? FakeTransport.Status(413) : FakeTransport.Accepted(request.EventCount)));
        await using var client = new OutlayClient(TestOptions.Create(), transport, TimeProvider.System);
        client.Track(TestOptions.Event());
        await transport.NextAsync();
        for (var i = 0; i < 5; i++)
        {
            client.Track(TestOptions.Event());
        }

        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        // 5 → 413, halves 2 and 3; the 3 → 413, halves 1 and 2.
        Assert.Equal([1, 5, 2, 3, 1, 2], transport.Requests.Select(r => r.EventCount));
        Assert.Equal(6, client.GetStatistics().Delivered);
        Assert.Equal(0, client.GetStatistics().DroppedRejected);
    }

    [Fact]
    public async Task Retry_after_in_seconds_sets_the_wait_capped_at_the_maximum_delay()
    {
        var time = new RecordingTimeProvider();
        var transport = new FakeTransport((request, _) => Task.FromResult(request.Index switch
        {
            0 => FakeTransport.Status(429, "7"),
            1 => FakeTransport.Status(503, "3600"),
            _ => FakeTransport.Accepted(request.EventCount),
        }));
        var options = TestOptions.Create();
        options.MaxRetryDelay = TimeSpan.FromSeconds(30);
        options.RequestTimeout = TimeSpan.FromHours(1);
        await using var client = new OutlayClient(options, transport, time);
        client.Track(TestOptions.Event());

        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Equal(3, transport.Requests.Count);
        Assert.Contains(TimeSpan.FromSeconds(7), time.RequestedDelays);
        Assert.Contains(TimeSpan.FromSeconds(30), time.RequestedDelays);
        Assert.DoesNotContain(TimeSpan.FromSeconds(3600), time.RequestedDelays);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_measured_from_the_clock()
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var time = new RecordingTimeProvider(now);
        var transport = new FakeTransport((request, _) => Task.FromResult(request.Index == 0
            ? FakeTransport.Status(503, now.AddSeconds(9).ToString("r", System.Globalization.CultureInfo.InvariantCulture))
            : FakeTransport.Accepted(request.EventCount)));
        var options = TestOptions.Create();
        options.MaxRetryDelay = TimeSpan.FromSeconds(30);
        options.RequestTimeout = TimeSpan.FromHours(1);
        await using var client = new OutlayClient(options, transport, time);
        client.Track(TestOptions.Event());

        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Equal(2, transport.Requests.Count);
        Assert.Contains(TimeSpan.FromSeconds(9), time.RequestedDelays);
    }

    [Fact]
    public async Task A_batch_is_given_up_after_the_retry_duration_and_reported_as_send_failed()
    {
        var failing = true;
        var transport = new FakeTransport((request, _) =>
            Task.FromResult(Volatile.Read(ref failing) ? FakeTransport.Status(503) : FakeTransport.Accepted(request.EventCount)));
        var options = TestOptions.Create();
        options.MaxRetryDuration = TimeSpan.FromMilliseconds(100);
        await using var client = new OutlayClient(options, transport, TimeProvider.System);
        client.Track(TestOptions.Event());
        client.Track(TestOptions.Event());

        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal(2, client.GetStatistics().DroppedSendFailed);
        Assert.True(transport.Requests.Count >= 2);

        Volatile.Write(ref failing, false);
        client.Track(TestOptions.Event());
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        var last = transport.Requests.Last();
        Assert.Equal(2, last.Dropped!.Value.GetProperty("send_failed").GetInt64());
    }

    [Fact]
    public async Task A_hanging_request_times_out_and_is_retried()
    {
        var transport = new FakeTransport(async (request, cancellationToken) =>
        {
            if (request.Index == 0)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return FakeTransport.Accepted(request.EventCount);
        });
        var options = TestOptions.Create();
        options.RequestTimeout = TimeSpan.FromMilliseconds(50);
        await using var client = new OutlayClient(options, transport, TimeProvider.System);
        client.Track(TestOptions.Event());

        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Equal(2, transport.Requests.Count);
        Assert.Equal(transport.Requests.First().Ids, transport.Requests.Last().Ids);
    }

    [Fact]
    public async Task Per_event_rejections_in_a_200_count_as_rejected()
    {
        var transport = new FakeTransport((request, _) => Task.FromResult(new TransportResponse(200, null, System.Text.Encoding.UTF8.GetBytes(
            $$"""{"accepted":{{request.EventCount - 1}},"duplicates":0,"rejected":[{"index":0,"id":"{{request.Ids[0]}}","error":"usage.input_tokens: must not be negative"}]}"""))));
        await using var client = new OutlayClient(TestOptions.Create(), transport, TimeProvider.System);
        client.Track(TestOptions.Event());
        await transport.NextAsync();
        client.Track(TestOptions.Event());
        client.Track(TestOptions.Event());
        client.Track(TestOptions.Event());

        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        var statistics = client.GetStatistics();
        Assert.Equal(2, statistics.DroppedRejected);
        Assert.Equal(2, statistics.Delivered);
        Assert.Equal(1, transport.Requests.Last().Dropped!.Value.GetProperty("rejected_by_server").GetInt64());
    }
}
