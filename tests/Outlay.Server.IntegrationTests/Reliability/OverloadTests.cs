using Outlay.Testing;
using Outlay.Sdk;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// Issue 8, overload: <c>outlay serve</c> (child process, SQLite file) is first driven closed-loop to measure what it
/// can acknowledge per second, then offered twice that open-loop, while two real SDK clients track steadily beside
/// the flood. The server must shed with 429/503 and <c>Retry-After</c>, keep its memory bounded and keep acknowledging
/// near capacity; the SDK must wait as long as it is asked and then deliver every event exactly once.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class OverloadTests
{
    // Enough keys that their rate limits (2,000 events/s each) add up to more than the store can take, so the
    // store's write guard is what sheds, not the per-key limit.
    private const int LoadKeys = 16;
    // Enough concurrent senders to keep the 4 write slots and the wait line busy: fewer measure round trips, not capacity.
    private const int ClosedLoopWorkers = 16;
    private const int SdkClients = 2;
    private const int MaxRounds = 6;
    private const int SdkEventsPerSecond = 100;
    private static readonly TimeSpan CapacityPhase = LongTests.Pick(TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(30));
    private static readonly TimeSpan OverloadPhase = LongTests.Pick(TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(120));
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Twice_the_measured_capacity_is_shed_with_Retry_After_memory_stays_bounded_and_the_SDK_catches_up_exactly_once()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await ReliabilityStore.CreateAsync(moreIngestKeys: LoadKeys);
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort.Next()}");
        using var serve = ServeChildProcess.Start(["--store", "sqlite:" + store.StorePath], address);
        await serve.WaitUntilListeningAsync();
        await using var memory = new MemorySampler(serve.Id, TimeSpan.FromMilliseconds(250));
        using var load = new LoadDriver(address, store.MoreIngestKeys);

        // 1. Capacity: what the server acknowledges per second when every answer is awaited before the next batch.
        memory.Phase = "capacity";
        var capacity = await load.RunClosedLoopAsync(ClosedLoopWorkers, CapacityPhase, "capacity");
        Assert.True(capacity > 0, "nothing was acknowledged while measuring capacity: " + load.StatusSummary);

        // 2. Twice that, open loop, with the SDK tracking beside it. On a shared 2-core machine the closed loop
        // (whose senders compete with the server for CPU) can underestimate; a round the server absorbs in full
        // proves the capacity was higher, so the next round offers twice the best rate seen (at most 6 rounds). The
        // proof is the first round that sheds: twice the highest rate the server was seen to absorb without shedding.
        var handlers = Enumerable.Range(0, SdkClients).Select(_ => new RecordingHandler()).ToList();
        var clients = handlers.Select(h => new OutlayClient(SdkOptions(address, store.IngestKey, h))).ToList();
        var trackers = clients.Select((c, i) => new PacedTracker(c, SdkEventsPerSecond, $"sdk-app-{i}")).ToList();
        using var stopTracking = new CancellationTokenSource();
        var tracking = trackers.Select(t => t.RunAsync(stopTracking.Token)).ToList();
        var rounds = new List<string>();
        var offered = 0.0;
        var acknowledgedUnderOverload = 0.0;
        var shedInRound = 0;
        var lastRound = 0;
        for (var round = 1; round <= MaxRounds && shedInRound == 0; round++)
        {
            memory.Phase = $"round-{round}";
            lastRound = round;
            offered = 2 * capacity;
            var refusedBefore = load.Refusals;
            acknowledgedUnderOverload = await load.RunOpenLoopAsync(offered, OverloadPhase, "overload");
            shedInRound = (int)(load.Refusals - refusedBefore);
            rounds.Add($"round {round}: capacity {capacity:0}/s, offered {offered:0}/s, acknowledged {acknowledgedUnderOverload:0}/s, refused {shedInRound} batches, not sent (client at {LoadDriver.MaxOutstanding} in flight) {load.Overrun}, most in flight {load.MostInFlight}");
            if (shedInRound == 0)
            {
                capacity = Math.Max(capacity, acknowledgedUnderOverload);
            }
        }

        await stopTracking.CancelAsync();
        await Task.WhenAll(tracking);

        // 3. The SDK catches up once the flood stops.
        memory.Phase = "after";
        foreach (var client in clients)
        {
            Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(120), ct), "an SDK client did not deliver its backlog within 120 s of the overload ending");
        }

        var stats = clients.Select(c => c.GetStatistics()).ToList();
        var exchanges = handlers.Select(h => h.Exchanges()).ToList();
        var sdkRefusals = exchanges.Sum(list => list.Count(e => e.Status is 429 or 503));
        var waits = RetryWaits(exchanges);
        var stored = StoreRecount.Read(store.StorePath);
        var sdkIds = trackers.SelectMany(t => t.Accepted).ToList();

        Figures.Print("overload", string.Join("; ", rounds));
        // Below capacity: the closed loop and every round absorbed in full; at 2×: the round that shed.
        var capacityRss = memory.Of("capacity").Concat(Enumerable.Range(1, lastRound - 1).SelectMany(r => memory.Of($"round-{r}"))).ToList();
        var overloadRss = memory.Of($"round-{lastRound}");
        var peakCapacity = capacityRss.Max();
        var peakOverload = overloadRss.Max();
        var overloadThirds = Thirds(overloadRss);
        Figures.Print("overload", $"capacity {capacity:0} events/s (closed loop, {ClosedLoopWorkers} workers × {LoadDriver.BatchSize}-event batches over {LoadKeys} keys, {CapacityPhase.TotalSeconds:0} s); offered {2 * capacity:0} events/s open loop for {OverloadPhase.TotalSeconds:0} s: acknowledged {acknowledgedUnderOverload:0} events/s ({acknowledgedUnderOverload / capacity:P0} of capacity); answers {load.StatusSummary}; refusals without Retry-After {load.RefusalsWithoutRetryAfter}; unanswered {load.Ambiguous}; RSS peak {ProcessMemory.Mib(peakCapacity)} at capacity, {ProcessMemory.Mib(peakOverload)} at 2× (first/last third medians {ProcessMemory.Mib(overloadThirds.First)} / {ProcessMemory.Mib(overloadThirds.Last)})");
        Figures.Print("overload", $"SDK: {SdkClients} clients × {SdkEventsPerSecond}/s tracked {trackers.Sum(t => t.Attempted)}, refused by the server {sdkRefusals} times (shortest wait after a Retry-After {waits.Shortest.TotalMilliseconds:0} ms, asked {waits.AskedOfShortest.TotalMilliseconds:0} ms; {waits.Checked} waits checked), delivered {stats.Sum(s => s.Delivered)}, drops {stats.Sum(s => s.DroppedQueueFull + s.DroppedRejected + s.DroppedSendFailed)}; stored {stored.EventRows} rows, {stored.DuplicateIds} duplicates");

        // Shedding, not failing: only 200, 429 and 503 came back, each refusal asking for a wait.
        Assert.Empty(load.Unexpected);
        Assert.True(load.Statuses.Keys.All(s => s is 200 or 429 or 503 or 0), "unexpected statuses: " + load.StatusSummary);
        Assert.True(shedInRound > 0, "twice the capacity was never refused, so nothing was shed: " + string.Join("; ", rounds));
        Assert.Equal(0, load.RefusalsWithoutRetryAfter);
        Assert.Equal(0, load.Ambiguous);
        Assert.False(serve.HasExited);

        // Acknowledged throughput stays near capacity: shedding keeps the store busy with work it can finish (bound
        // is half, loose because the 2-core CI machine is shared and the phases cannot be equally quiet).
        Assert.True(acknowledgedUnderOverload >= capacity / 2, $"under 2× load only {acknowledgedUnderOverload:0} events/s were acknowledged against a capacity of {capacity:0}");

        // Memory bounded: admitted work is capped (4 writing + 256 waiting requests, each a ~30 KB body and its
        // parsed events, well under 1 MiB), so at twice the load RSS may exceed the capacity phase's peak by at most
        // that line's worth (256 MiB); within the round, the last third's median may exceed the first's by at most
        // half that (the line fills during the first seconds; a leak would keep going).
        Assert.True(peakOverload <= peakCapacity + 256L * 1024 * 1024, $"RSS rose from {ProcessMemory.Mib(peakCapacity)} to {ProcessMemory.Mib(peakOverload)} under 2× load");
        Assert.True(overloadThirds.Last <= overloadThirds.First + 128L * 1024 * 1024, $"RSS kept growing under 2× load: {ProcessMemory.Mib(overloadThirds.First)} → {ProcessMemory.Mib(overloadThirds.Last)}");

        // The SDK was refused, waited at least what it was asked (capped at its MaxRetryDelay), and lost nothing.
        Assert.True(sdkRefusals > 0, "the SDK was never refused, so its back-off is not proven");
        Assert.True(waits.Checked > 0, "no refusal with Retry-After was followed by a retry");
        Assert.True(waits.Shortest >= waits.AskedOfShortest - TimeSpan.FromMilliseconds(20), $"the SDK retried {waits.Shortest.TotalMilliseconds:0} ms after being asked to wait {waits.AskedOfShortest.TotalMilliseconds:0} ms");
        Assert.All(stats, s => Assert.Equal(s.Enqueued, s.Delivered));
        Assert.All(stats, s => Assert.Equal(0, s.DroppedQueueFull + s.DroppedRejected + s.DroppedSendFailed));
        Assert.Equal(0, stored.DuplicateIds);
        Assert.All(sdkIds, id => Assert.True(stored.RowsById.ContainsKey(id), $"SDK event {id} is not stored"));
        Assert.All(load.Acknowledged, id => Assert.True(stored.RowsById.ContainsKey(id), $"acknowledged event {id} is not stored"));

        // A refused batch stored nothing: rows are exactly the acknowledged raw events plus the SDK's.
        Assert.Equal(load.Acknowledged.Count + sdkIds.Count, stored.EventRows);
        Assert.Equal(stored.EventRows, stored.RollupEvents);
        Assert.Equal(stored.EventCostNano, stored.RollupCostNano);

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>For every refusal with Retry-After followed by another request: the gap, and the smallest gap against what was asked.</summary>
    private static (int Checked, TimeSpan Shortest, TimeSpan AskedOfShortest) RetryWaits(IReadOnlyList<IReadOnlyList<RecordingHandler.Exchange>> perClient)
    {
        var count = 0;
        var shortestMargin = TimeSpan.MaxValue;
        var shortest = TimeSpan.Zero;
        var asked = TimeSpan.Zero;
        foreach (var exchanges in perClient)
        {
            var ordered = exchanges.OrderBy(e => e.Started).ToList();
            for (var i = 0; i + 1 < ordered.Count; i++)
            {
                if (ordered[i].Status is not (429 or 503) || ordered[i].RetryAfter is not { } retryAfter)
                {
                    continue;
                }

                var expected = retryAfter > MaxRetryDelay ? MaxRetryDelay : retryAfter;
                var gap = ordered[i + 1].Started - ordered[i].Answered;
                count++;
                if (gap - expected < shortestMargin)
                {
                    shortestMargin = gap - expected;
                    shortest = gap;
                    asked = expected;
                }
            }
        }

        return (count, shortest, asked);
    }

    private static (long First, long Last) Thirds(IReadOnlyList<long> samples)
    {
        var third = Math.Max(1, samples.Count / 3);
        return (Median(samples.Take(third)), Median(samples.Skip(samples.Count - third)));
    }

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static OutlayClientOptions SdkOptions(Uri endpoint, string ingestKey, RecordingHandler handler) => new()
    {
        Endpoint = endpoint,
        IngestKey = ingestKey,
        Environment = "test",
        FlushInterval = TimeSpan.FromMilliseconds(100),
        MinRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = MaxRetryDelay,
        MaxRetryDuration = TimeSpan.FromMinutes(10),
        RequestTimeout = TimeSpan.FromSeconds(30),
        HttpMessageHandler = handler,
    };
}
