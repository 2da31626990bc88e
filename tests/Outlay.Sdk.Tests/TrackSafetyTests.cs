using Outlay.Sdk.Internal;
using Outlay.Sdk.Tests.Support;

namespace Outlay.Sdk.Tests;

public sealed class TrackSafetyTests
{
    [Fact]
    public async Task Null_and_incomplete_events_are_refused_and_counted()
    {
        await using var client = new OutlayClient(TestOptions.Create(), new FakeTransport(), TimeProvider.System);

        Assert.False(client.Track(null!));
        Assert.False(client.Track(new UsageEvent { Model = "gpt-4o" }));
        Assert.False(client.Track(new UsageEvent { Provider = "openai" }));

        var statistics = client.GetStatistics();
        Assert.Equal(3, statistics.DroppedInvalid);
        Assert.Equal(0, statistics.Enqueued);
    }

    [Fact]
    public async Task Track_after_dispose_returns_false()
    {
        var client = new OutlayClient(TestOptions.Create(), new FakeTransport(), TimeProvider.System);
        await client.DisposeAsync();

        Assert.False(client.Track(TestOptions.Event()));
        await client.DisposeAsync(); // twice is harmless
    }

    [Fact]
    public async Task A_transport_that_throws_never_reaches_the_caller_and_the_client_keeps_going()
    {
        var transport = new ThrowingTransport();
        var options = TestOptions.Create();
        options.MaxRetryDuration = TimeSpan.FromMilliseconds(50);
        await using var client = new OutlayClient(options, transport, TimeProvider.System);

        for (var i = 0; i < 10; i++)
        {
            Assert.True(client.Track(TestOptions.Event()));
        }

        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.True(client.Track(TestOptions.Event()));
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        var statistics = client.GetStatistics();
        Assert.Equal(11, statistics.DroppedSendFailed);
        Assert.True(transport.Calls >= 2);
    }

    private sealed class ThrowingTransport : EventTransport
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override Task<TransportResponse> SendAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw new InvalidOperationException("transport exploded synchronously");
        }
    }
}
