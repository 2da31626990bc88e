using System.Diagnostics;
using Outlay.Sdk;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// Issue 8, loss and duplication: the server goes away for a while under steady SDK traffic (100 events/s) and comes
/// back on the same address and store. Short version: 5 s down; <c>OUTLAY_LONG_TESTS=1</c>: 60 s.
/// </summary>
public sealed class SdkOutageTests
{
    private const int EventsPerSecond = 100;
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Outage = LongTests.Pick(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Every_event_tracked_through_an_outage_is_stored_exactly_once_after_the_server_returns()
    {
        using var store = await ReliabilityStore.CreateAsync();
        await using var server = new RestartableServer(store);
        await server.StartAsync();
        await using var client = new OutlayClient(ClientOptions(server.Address, store.IngestKey, maxQueueSize: 10_000, maxBatchSize: 500));

        var run = await RunThroughOutageAsync(server, client);

        var stats = client.GetStatistics();
        var stored = StoreRecount.Read(store.StorePath);
        Figures.Print("sdk-outage", $"outage {Outage.TotalSeconds:0} s at {EventsPerSecond}/s; tracked {run.Tracker.Attempted} ({run.DuringOutage} during the outage), accepted {run.Tracker.Accepted.Count}, delivered {stats.Delivered}, stored {stored.EventRows}, duplicates {stored.DuplicateIds}, drops {stats.DroppedQueueFull + stats.DroppedRejected + stats.DroppedSendFailed}; backlog delivered {run.CatchUp.TotalSeconds:0.0} s after the restart (2 s of it new traffic)");

        Assert.Equal(0, run.Tracker.Refused);
        Assert.True(run.DuringOutage >= (long)(Outage.TotalSeconds * EventsPerSecond * 0.9), $"only {run.DuringOutage} events were tracked while the server was down");
        Assert.Equal(run.Tracker.Attempted, stats.Enqueued);
        Assert.Equal(stats.Enqueued, stats.Delivered);
        Assert.Equal(0, stats.DroppedQueueFull + stats.DroppedRejected + stats.DroppedSendFailed);
        await AssertStoredExactlyOnceAsync(server, store, run.Tracker.Accepted, stored);
    }

    [Fact]
    public async Task A_queue_smaller_than_the_outage_drops_an_exact_counted_and_reported_number_and_loses_nothing_else()
    {
        const int maxQueueSize = 200;
        const int maxBatchSize = 50;
        using var store = await ReliabilityStore.CreateAsync();
        await using var server = new RestartableServer(store);
        await server.StartAsync();
        await using var client = new OutlayClient(ClientOptions(server.Address, store.IngestKey, maxQueueSize, maxBatchSize));

        var run = await RunThroughOutageAsync(server, client);

        var stats = client.GetStatistics();
        using var api = new ReadApi(server.Address, store.ReadKey);
        var reported = await WaitForReportedQueueFullAsync(api, stats.DroppedQueueFull);
        var stored = StoreRecount.Read(store.StorePath);
        Figures.Print("sdk-outage-small-queue", $"outage {Outage.TotalSeconds:0} s at {EventsPerSecond}/s, queue {maxQueueSize}, batch {maxBatchSize}; tracked {run.Tracker.Attempted} ({run.DuringOutage} during the outage), refused by Track {run.Tracker.Refused}, SDK queue_full {stats.DroppedQueueFull}, server-reported queue_full {reported.QueueFull}, delivered {stats.Delivered}, stored {stored.EventRows}, duplicates {stored.DuplicateIds}");

        // The outage really overflowed the queue, or this case proves nothing.
        Assert.True(run.Tracker.Refused > 0, "the queue never filled during the outage");
        Assert.Equal(run.Tracker.Refused, stats.DroppedQueueFull);
        Assert.Equal(stats.DroppedQueueFull, reported.QueueFull);
        Assert.Equal(0, reported.RejectedByServer + reported.SendFailed);
        Assert.Equal(0, stats.DroppedRejected + stats.DroppedSendFailed);
        Assert.Equal(run.Tracker.Attempted, stats.Enqueued + stats.DroppedQueueFull);
        Assert.Equal(stats.Enqueued, stats.Delivered);
        Assert.Equal(run.Tracker.Attempted - run.Tracker.Refused, stored.EventRows);
        await AssertStoredExactlyOnceAsync(server, store, run.Tracker.Accepted, stored);
    }

    private static OutlayClientOptions ClientOptions(Uri endpoint, string ingestKey, int maxQueueSize, int maxBatchSize) => new()
    {
        Endpoint = endpoint,
        IngestKey = ingestKey,
        Environment = "test",
        MaxQueueSize = maxQueueSize,
        MaxBatchSize = maxBatchSize,
        FlushInterval = TimeSpan.FromMilliseconds(200),
        MinRetryDelay = TimeSpan.FromMilliseconds(100),

        // The default 60 s cap would make the client wait up to a minute after the server is back; the proof is
        // about what is delivered, not when, so a short cap keeps the test short.
        MaxRetryDelay = TimeSpan.FromSeconds(1),
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    private static async Task<OutageRun> RunThroughOutageAsync(RestartableServer server, OutlayClient client)
    {
        var tracker = new PacedTracker(client, EventsPerSecond, "outage-app");
        using var stopTracking = new CancellationTokenSource();
        var tracking = tracker.RunAsync(stopTracking.Token);

        await Task.Delay(Before, TestContext.Current.CancellationToken);
        await server.StopAsync();
        var atStop = tracker.Attempted;
        await Task.Delay(Outage, TestContext.Current.CancellationToken);
        await server.StartAsync();
        var restarted = Stopwatch.StartNew();
        var duringOutage = tracker.Attempted - atStop;
        await Task.Delay(After, TestContext.Current.CancellationToken);
        await stopTracking.CancelAsync();
        await tracking;

        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken), "the SDK did not deliver its backlog within 60 s of the flush");
        return new OutageRun(tracker, duringOutage, restarted.Elapsed);
    }

    private static async Task<(long QueueFull, long RejectedByServer, long SendFailed)> WaitForReportedQueueFullAsync(ReadApi api, long expected)
    {
        // Drops travel in the envelope of the next batch, so they can arrive a flush interval after the events.
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var drops = await api.GetDropsAsync();
            if (drops.QueueFull >= expected || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                return drops;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static async Task AssertStoredExactlyOnceAsync(RestartableServer server, ReliabilityStore store, IReadOnlyList<Guid> accepted, StoreRecount stored)
    {
        Assert.Equal(0, stored.DuplicateIds);
        Assert.Equal(accepted.Count, stored.EventRows);
        var missing = accepted.Where(id => !stored.RowsById.ContainsKey(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} accepted events are not in the store");

        // Rollups (what every spend answer reads) agree with the raw events, through the API too.
        Assert.True(stored.EventCostNano > 0, "the events were not priced, so cost agreement would prove nothing");
        Assert.Equal(stored.EventRows, stored.RollupEvents);
        Assert.Equal(stored.EventCostNano, stored.RollupCostNano);
        Assert.Equal(stored.EventInputTokens, stored.RollupInputTokens);
        using var api = new ReadApi(server.Address, store.ReadKey);
        var spend = await api.GetSpendTotalsAsync();
        Assert.Equal(stored.EventRows, spend.Events);
        Assert.Equal(stored.EventCostNano / 1_000_000_000m, spend.TotalCostUsd);
    }

    private sealed record OutageRun(PacedTracker Tracker, long DuringOutage, TimeSpan CatchUp);
}
