using System.Diagnostics;
using Outlay.Sdk;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// Issue 8, loss and duplication: a server that accepts connections and never answers. The host application's
/// <see cref="OutlayClient.Track"/> calls must not notice, and the SDK's buffer must stay bounded, dropping and counting
/// what does not fit.
/// </summary>
public sealed class HungServerTests
{
    private const int Calls = 10_000;
    private const int MaxQueueSize = 1_000;
    private const int MaxBatchSize = 100;

    [Fact]
    public async Task Track_never_blocks_and_the_buffer_stays_bounded_while_the_server_hangs()
    {
        await using var hung = new HungServer();
        // Disposed explicitly below to time it; disposing twice is harmless.
        await using var client = new OutlayClient(new OutlayClientOptions
        {
            Endpoint = hung.Address,
            IngestKey = "olk_ingest_hung_server_test",
            MaxQueueSize = MaxQueueSize,
            MaxBatchSize = MaxBatchSize,
            FlushInterval = TimeSpan.FromMilliseconds(50),

            // Longer than the whole measurement: the SDK's first request is stuck for all of it.
            RequestTimeout = TimeSpan.FromSeconds(60),
            ShutdownTimeout = TimeSpan.FromMilliseconds(500),
        });

        // The first event is sent at once; once its connection is accepted the delivery loop is stuck in a request.
        Assert.True(client.Track(Event()));
        await hung.FirstConnectionAsync();

        var events = Enumerable.Range(0, Calls).Select(_ => Event()).ToArray();
        var ticks = new long[Calls];
        var refused = 0;
        long maxPending = 0;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var all = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var accepted = client.Track(events[i]);
            ticks[i] = Stopwatch.GetTimestamp() - started;
            refused += accepted ? 0 : 1;
            if (i % 500 == 0)
            {
                maxPending = Math.Max(maxPending, client.GetStatistics().Pending);
            }
        }

        all.Stop();
        var allocatedByTrack = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        var stats = client.GetStatistics();
        maxPending = Math.Max(maxPending, stats.Pending);

        Array.Sort(ticks);
        var disposing = Stopwatch.StartNew();
        await client.DisposeAsync();
        disposing.Stop();
        var afterDispose = client.GetStatistics();
        Figures.Print("hung-server", $"{Calls} Track calls in {all.Elapsed.TotalMilliseconds:0.0} ms while the server hung ({hung.Connections} connection(s) accepted, none answered); latency p50 {Micros(ticks, 0.50):0.00} µs, p99 {Micros(ticks, 0.99):0.00} µs, max {Micros(ticks, 1.0):0.00} µs; allocated by the Track loop {allocatedByTrack} bytes, heap {heapBefore / 1024} KiB -> {heapAfter / 1024} KiB; queue {MaxQueueSize}, max pending {maxPending}, accepted {Calls - refused}, dropped queue_full {stats.DroppedQueueFull}; dispose took {disposing.Elapsed.TotalMilliseconds:0} ms and counted {afterDispose.DroppedSendFailed} send_failed");

        // Track never blocked: every call returned while the server was still hung (nothing was ever delivered),
        // within a bound thousands of times what 10,000 enqueues need.
        Assert.Equal(0, stats.Delivered);
        Assert.True(all.Elapsed < TimeSpan.FromSeconds(30), $"10,000 Track calls took {all.Elapsed}");

        // Bounded: the stuck batch (the first event) plus a full queue, never more; everything else dropped and counted.
        Assert.Equal(MaxQueueSize, Calls - refused);
        Assert.Equal(refused, stats.DroppedQueueFull);
        Assert.Equal(1 + Calls, stats.Enqueued + stats.DroppedQueueFull);
        Assert.True(maxPending <= MaxQueueSize + 1, $"{maxPending} events pending with a queue of {MaxQueueSize}");

        // Shutting down against a hung server is time-limited too, and what it could not send is counted, not lost silently.
        Assert.True(disposing.Elapsed < TimeSpan.FromSeconds(30), $"DisposeAsync took {disposing.Elapsed}");
        Assert.Equal(stats.Enqueued, afterDispose.Delivered + afterDispose.DroppedSendFailed);
    }

    private static UsageEvent Event() => new() { Provider = "openai", Model = "gpt-4o-mini", InputTokens = 1000, OutputTokens = 100 };

    private static double Micros(long[] sortedTicks, double quantile)
    {
        var index = (int)Math.Min(sortedTicks.Length - 1, Math.Ceiling(quantile * sortedTicks.Length) - 1);
        return sortedTicks[index] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
