using Outlay.Sdk.Tests.Support;

namespace Outlay.Sdk.Tests;

public sealed class BatchingTests
{
    [Fact]
    public async Task First_event_goes_out_at_once_then_full_batches_go_without_waiting_for_the_interval()
    {
        var transport = new FakeTransport();
        await using var client = new OutlayClient(TestOptions.Create(maxBatchSize: 10), transport, TimeProvider.System);

        Assert.True(client.Track(TestOptions.Event()));
        Assert.Equal(1, (await transport.NextAsync()).EventCount);

        for (var i = 0; i < 30; i++)
        {
            Assert.True(client.Track(TestOptions.Event()));
        }

        // The interval is an hour: only the size trigger can send these.
        var sizes = new[] { (await transport.NextAsync()).EventCount, (await transport.NextAsync()).EventCount, (await transport.NextAsync()).EventCount };
        Assert.Equal([10, 10, 10], sizes);
    }

    [Fact]
    public async Task A_partial_batch_is_sent_when_the_flush_interval_passes()
    {
        var transport = new FakeTransport();
        await using var client = new OutlayClient(TestOptions.Create(maxBatchSize: 100, flushInterval: TimeSpan.FromMilliseconds(300)), transport, TimeProvider.System);
        client.Track(TestOptions.Event());
        await transport.NextAsync();

        client.Track(TestOptions.Event("a"));
        client.Track(TestOptions.Event("b"));
        client.Track(TestOptions.Event("c"));

        // No flush, no full batch: only the interval sends this.
        var second = await transport.NextAsync();
        Assert.Equal(3, second.EventCount);
        Assert.Equal(4, client.GetStatistics().Delivered);
    }

    [Fact]
    public async Task FlushAsync_sends_a_partial_batch_before_the_interval()
    {
        var transport = new FakeTransport();
        await using var client = new OutlayClient(TestOptions.Create(maxBatchSize: 100), transport, TimeProvider.System);
        client.Track(TestOptions.Event());
        await transport.NextAsync();
        client.Track(TestOptions.Event());
        client.Track(TestOptions.Event());

        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        var statistics = client.GetStatistics();
        Assert.Equal(3, statistics.Enqueued);
        Assert.Equal(3, statistics.Delivered);
        Assert.Equal(0, statistics.Pending);
        Assert.Equal(3, transport.Requests.Sum(r => r.EventCount));
    }
}
