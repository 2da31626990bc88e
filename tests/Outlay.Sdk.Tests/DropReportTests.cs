using Outlay.Sdk.Tests.Support;

namespace Outlay.Sdk.Tests;

public sealed class DropReportTests
{
    [Fact]
    public async Task Queue_full_drops_are_counted_reported_once_and_cleared_after_acknowledgement()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var transport = new FakeTransport(async (request, _) =>
        {
            if (request.Index == 0)
            {
                await gate.Task;
            }

            return FakeTransport.Accepted(request.EventCount);
        });
        var options = TestOptions.Create();
        options.MaxQueueSize = 4;
        await using var client = new OutlayClient(options, transport, TimeProvider.System);

        // The first event goes out eagerly and the send hangs, so the queue fills behind it.
        Assert.True(client.Track(TestOptions.Event()));
        await transport.NextAsync();
        var accepted = Enumerable.Range(0, 7).Select(_ => client.Track(TestOptions.Event())).ToList();

        Assert.Equal([true, true, true, true, false, false, false], accepted);
        Assert.Equal(3, client.GetStatistics().DroppedQueueFull);

        gate.SetResult();
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        client.Track(TestOptions.Event());
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        var requests = transport.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.Null(requests[0].Dropped);
        var dropped = requests[1].Dropped!.Value;
        Assert.Equal(3, dropped.GetProperty("queue_full").GetInt64());
        Assert.Equal(0, dropped.GetProperty("rejected_by_server").GetInt64());
        Assert.Equal(0, dropped.GetProperty("send_failed").GetInt64());
        Assert.Null(requests[2].Dropped);
        var statistics = client.GetStatistics();
        Assert.Equal(6, statistics.Enqueued);
        Assert.Equal(6, statistics.Delivered);
    }

    [Fact]
    public async Task A_report_in_a_failed_send_is_sent_again_until_a_200_acknowledges_it()
    {
        var transport = new FakeTransport((request, _) => Task.FromResult(request.Index switch
        {
            0 => FakeTransport.Status(400),
            1 => FakeTransport.Status(503),
            _ => FakeTransport.Accepted(request.EventCount),
        }));
        await using var client = new OutlayClient(TestOptions.Create(), transport, TimeProvider.System);
        client.Track(TestOptions.Event());
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        client.Track(TestOptions.Event());
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        client.Track(TestOptions.Event());
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        var requests = transport.Requests.ToList();
        Assert.Equal(4, requests.Count);
        Assert.Null(requests[0].Dropped);
        // The 503 retry resends the same body: same report, acknowledged by the 200 that follows.
        Assert.Equal(1, requests[1].Dropped!.Value.GetProperty("rejected_by_server").GetInt64());
        Assert.Equal(1, requests[2].Dropped!.Value.GetProperty("rejected_by_server").GetInt64());
        Assert.Null(requests[3].Dropped);
    }

    [Fact]
    public async Task Unreported_drops_are_sent_on_their_own_when_nothing_else_is_queued()
    {
        var transport = new FakeTransport((request, _) =>
            Task.FromResult(request.Index == 0 ? FakeTransport.Status(400) : FakeTransport.Accepted(request.EventCount)));
        await using var client = new OutlayClient(TestOptions.Create(flushInterval: TimeSpan.FromMilliseconds(50)), transport, TimeProvider.System);
        client.Track(TestOptions.Event());
        await transport.NextAsync();

        var report = await transport.NextAsync();

        Assert.Equal(0, report.EventCount);
        Assert.Equal(1, report.Dropped!.Value.GetProperty("rejected_by_server").GetInt64());
    }
}
