using Outlay.Sdk.Tests.Support;

namespace Outlay.Sdk.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Events_tracked_from_many_threads_are_all_delivered_exactly_once()
    {
        const int threads = 8;
        const int perThread = 2_500;
        var transport = new FakeTransport();
        var options = TestOptions.Create(maxBatchSize: 500);
        options.MaxQueueSize = threads * perThread;
        await using var client = new OutlayClient(options, transport, TimeProvider.System);

        var workers = Enumerable.Range(0, threads).Select(_ => Task.Run(() =>
        {
            var tracked = 0;
            for (var i = 0; i < perThread; i++)
            {
                tracked += client.Track(TestOptions.Event()) ? 1 : 0;
            }

            return tracked;
        })).ToArray();
        var trackedCounts = await Task.WhenAll(workers);

        Assert.Equal(threads * perThread, trackedCounts.Sum());
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        var ids = transport.Requests.SelectMany(r => r.Ids).ToList();
        Assert.Equal(threads * perThread, ids.Count);
        Assert.Equal(threads * perThread, ids.Distinct().Count());
        Assert.All(transport.Requests, r => Assert.InRange(r.EventCount, 1, 500));
        Assert.Equal(threads * perThread, client.GetStatistics().Delivered);
    }
}
