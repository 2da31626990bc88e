using System.Diagnostics;
using Outlay.Sdk;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// Issue 8, overload: a soak — steady ingest (two SDK clients and a raw sender) and steady API reads against a real
/// server for 60 s (30 min with <c>OUTLAY_LONG_TESTS=1</c>), sampling memory every few seconds. The server runs in
/// this process (the same <see cref="OutlayServerApp"/> <c>outlay serve</c> runs) so its managed heap can be read:
/// after a full collection, what is still referenced is what the server (and the light load) retains.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class SoakTests
{
    private const int SdkEventsPerSecond = 200;
    private static readonly TimeSpan Duration = LongTests.Pick(TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(30));
    private static readonly TimeSpan WarmUp = LongTests.Pick(TimeSpan.FromSeconds(12), TimeSpan.FromMinutes(3));
    private static readonly TimeSpan SampleEvery = LongTests.Pick(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Memory_stays_flat_under_steady_ingest_and_reads()
    {
        var ct = TestContext.Current.CancellationToken;
        using var store = await ReliabilityStore.CreateAsync();
        await using var server = new RestartableServer(store);
        await server.StartAsync();

        var clients = Enumerable.Range(0, 2).Select(_ => new OutlayClient(new OutlayClientOptions
        {
            Endpoint = server.Address,
            IngestKey = store.IngestKey,
            Environment = "test",
            FlushInterval = TimeSpan.FromMilliseconds(200),
        })).ToList();
        var trackers = clients.Select((c, i) => new PacedTracker(c, SdkEventsPerSecond, $"soak-sdk-{i}")).ToList();
        using var sender = new RawEventSender(server.Address, store.IngestKey, "soak-raw");
        using var stop = new CancellationTokenSource();
        var reads = new ReadLoop(server.Address, store.ReadKey);
        var running = trackers.Select(t => t.RunAsync(stop.Token)).Append(sender.RunAsync(stop.Token)).Append(reads.RunAsync(stop.Token)).ToList();

        var samples = new List<(TimeSpan At, long Rss, long Heap)>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Duration)
        {
            await Task.Delay(SampleEvery, ct);
            var heap = GC.GetTotalMemory(forceFullCollection: true);
            samples.Add((clock.Elapsed, ProcessMemory.ResidentBytes(Environment.ProcessId) ?? 0, heap));
        }

        await stop.CancelAsync();
        await Task.WhenAll(running);
        foreach (var client in clients)
        {
            Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(60), ct));
        }

        var stored = StoreRecount.Read(store.StorePath);
        var tracked = trackers.Sum(t => t.Attempted);
        var measured = samples.Where(s => s.At >= WarmUp).ToList();
        var third = Math.Max(1, measured.Count / 3);
        var first = measured.Take(third).ToList();
        var last = measured.Skip(measured.Count - third).ToList();
        var rssFirst = Median(first.Select(s => s.Rss));
        var rssLast = Median(last.Select(s => s.Rss));
        var heapFirst = Median(first.Select(s => s.Heap));
        var heapLast = Median(last.Select(s => s.Heap));

        Figures.Print("soak", $"{Duration.TotalSeconds:0} s: {tracked + sender.Sent} events ingested ({tracked} SDK, {sender.Sent} raw), {reads.Completed} API reads ({reads.Failed} failed); {samples.Count} samples every {SampleEvery.TotalSeconds:0} s, {measured.Count} after {WarmUp.TotalSeconds:0} s warm-up; RSS median first third {ProcessMemory.Mib(rssFirst)}, last third {ProcessMemory.Mib(rssLast)}, min {ProcessMemory.Mib(measured.Min(s => s.Rss))}, max {ProcessMemory.Mib(measured.Max(s => s.Rss))}; managed heap after full GC median first third {ProcessMemory.Mib(heapFirst)}, last third {ProcessMemory.Mib(heapLast)}, min {ProcessMemory.Mib(measured.Min(s => s.Heap))}, max {ProcessMemory.Mib(measured.Max(s => s.Heap))}");

        Assert.True(measured.Count >= 9, "too few samples after warm-up to compare thirds");
        Assert.Equal(0, reads.Failed);
        Assert.Equal(tracked + sender.Sent, stored.EventRows);
        Assert.Equal(stored.EventRows, stored.RollupEvents);

        // Flat: the retained managed heap may drift by caches filling (key cache, per-key buckets, pooled buffers:
        // all bounded, together a few MiB), so the last third's median may exceed the first's by 10% + 8 MiB, no
        // more. A leak of 1 KiB per request (about 60 requests/s here) would add 3.5 MiB a minute and fail the long
        // run. RSS also counts SQLite's page cache and native allocator slack, so it gets 25% + 32 MiB.
        Assert.True(heapLast <= heapFirst * 11 / 10 + 8L * 1024 * 1024, $"managed heap grew from {ProcessMemory.Mib(heapFirst)} to {ProcessMemory.Mib(heapLast)}");
        Assert.True(rssLast <= rssFirst * 5 / 4 + 32L * 1024 * 1024, $"RSS grew from {ProcessMemory.Mib(rssFirst)} to {ProcessMemory.Mib(rssLast)}");

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
