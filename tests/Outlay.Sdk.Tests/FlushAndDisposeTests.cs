using Outlay.Sdk.Tests.Support;

namespace Outlay.Sdk.Tests;

public sealed class FlushAndDisposeTests
{
    [Fact]
    public async Task FlushAsync_returns_false_by_its_deadline_when_the_server_hangs()
    {
        var transport = new FakeTransport(async (request, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return FakeTransport.Accepted(request.EventCount);
        });
        var options = TestOptions.Create();
        options.RequestTimeout = TimeSpan.FromHours(1);
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(100);
        await using var client = new OutlayClient(options, transport, TimeProvider.System);
        client.Track(TestOptions.Event());

        var flush = client.FlushAsync(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        var finished = await Task.WhenAny(flush, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Same(flush, finished);
        Assert.False(await flush);
        Assert.Equal(1, client.GetStatistics().Pending);
    }

    [Fact]
    public async Task FlushAsync_returns_false_when_cancelled_instead_of_throwing()
    {
        var transport = new FakeTransport(async (request, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return FakeTransport.Accepted(request.EventCount);
        });
        var options = TestOptions.Create();
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(100);
        await using var client = new OutlayClient(options, transport, TimeProvider.System);
        client.Track(TestOptions.Event());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        Assert.False(await client.FlushAsync(TimeSpan.FromMinutes(5), cancellation.Token));
    }

    [Fact]
    public async Task FlushAsync_with_nothing_queued_is_true()
    {
        await using var client = new OutlayClient(TestOptions.Create(), new FakeTransport(), TimeProvider.System);

        Assert.True(await client.FlushAsync(TimeSpan.Zero, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Dispose_sends_what_is_queued()
    {
        var transport = new FakeTransport();
        var client = new OutlayClient(TestOptions.Create(), transport, TimeProvider.System);
        client.Track(TestOptions.Event());
        await transport.NextAsync();
        for (var i = 0; i < 5; i++)
        {
            client.Track(TestOptions.Event());
        }

        client.Dispose();

        Assert.Equal(6, transport.Requests.Sum(r => r.EventCount));
        Assert.Equal(6, client.GetStatistics().Delivered);
        Assert.False(client.Track(TestOptions.Event()));
    }

    [Fact]
    public async Task DisposeAsync_gives_up_after_the_shutdown_timeout_and_counts_what_was_left()
    {
        var transport = new FakeTransport(async (request, cancellationToken) =>
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return FakeTransport.Accepted(request.EventCount);
        });
        var options = TestOptions.Create();
        options.RequestTimeout = TimeSpan.FromHours(1);
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(100);
        var client = new OutlayClient(options, transport, TimeProvider.System);
        client.Track(TestOptions.Event());
        await transport.NextAsync();
        client.Track(TestOptions.Event());

        var dispose = client.DisposeAsync().AsTask();
        var finished = await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        Assert.Same(dispose, finished);
        var statistics = client.GetStatistics();
        Assert.Equal(2, statistics.DroppedSendFailed);
        Assert.Equal(0, statistics.Pending);
    }

    [Fact]
    public async Task An_event_enqueued_by_a_Track_racing_Dispose_is_counted_not_stranded()
    {
        var transport = new FakeTransport();
        var client = new OutlayClient(TestOptions.Create(), transport, TimeProvider.System);
        await client.DisposeAsync();

        // A Track that passed its disposed check just before DisposeAsync, and enqueues after the loop's last drain.
        Assert.True(client.Enqueue(TestOptions.Event()));

        var statistics = client.GetStatistics();
        Assert.Equal(0, statistics.Pending);
        Assert.Equal(1, statistics.DroppedSendFailed);
    }
}
