using System.Diagnostics;
using System.Globalization;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.LoadTest.Dashboard;
using Outlay.Server;
using Outlay.Storage.Sqlite;

namespace Outlay.LoadTest.StoreIngest;

/// <summary>
/// The SQLite store's own ingest ceiling, apart from HTTP, JSON and authentication: generates and prices N synthetic
/// events into memory first (so generation competes for no core), then appends them in batches through
/// <see cref="IOutlayStore.AppendEventsAsync(string, IReadOnlyList{PricedEvent}, CancellationToken)"/> on a fresh file (or on top of a given store),
/// each acknowledged only after a durable commit (the WAL flushed to disk); each of <c>--concurrency</c> appenders
/// sends its next batch only after the previous returned.
/// Prints events/s, batch latency percentiles and CPU per event, then checks the rollups hold exactly N more events.
/// </summary>
internal static class StoreIngestBench
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var settings = StoreIngestSettings.Parse(args);
        if (settings is null)
        {
            Console.Error.WriteLine(StoreIngestSettings.Usage);
            return 2;
        }

        var output = Console.Out;
        var ct = CancellationToken.None;
        var tempDir = settings.StorePath is null ? Path.Combine(Path.GetTempPath(), "outlay-store-bench-" + Guid.NewGuid().ToString("N")[..8]) : null;
        var spec = StoreArgument.Parse(settings.StorePath ?? Path.Combine(tempDir!, "outlay.db"));
        output.WriteLine(Invariant($"Outlay store ingest: {settings.Events:N0} events in batches of {settings.BatchSize:N0} over {settings.Hours:N0} h into {spec.Display}; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
        var batches = Generate(settings.Events, settings.Seed, settings);

        // Another seed gives other ids, so the warm-up's events never collide with the measured ones.
        var warmup = settings.Warmup > 0 ? Generate(settings.Warmup, settings.Seed + 1, settings) : [];
        try
        {
            var store = await spec.OpenAsync(ct).ConfigureAwait(false);
            await using (store.ConfigureAwait(false))
            {
                var result = await MeasureAsync(store, warmup, batches, settings, output, ct).ConfigureAwait(false);
                if (spec.Engine != StoreSpec.SqliteEngine)
                {
                    await TimeJobLockAsync(store, output, ct).ConfigureAwait(false);
                }

                return result;
            }
        }
        finally
        {
            if (tempDir is not null)
            {
                try
                {
                    Directory.Delete(tempDir, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temp folder is harmless.
                }
            }
        }
    }

    /// <summary>
    /// What one take, check and release of a control-store job lock costs: a ClickHouse append takes one per batch
    /// (its cross-process append lock), so this is that lock's share of a batch's latency.
    /// </summary>
    private static async Task TimeJobLockAsync(IOutlayStore store, TextWriter output, CancellationToken ct)
    {
        const int Rounds = 500;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Rounds; i++)
        {
            var lease = await store.TryAcquireJobLockAsync("bench-lock-probe", ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The probe lock is held elsewhere.");
            await using (lease.ConfigureAwait(false))
            {
                await lease.CheckAsync(ct).ConfigureAwait(false);
            }
        }

        output.WriteLine(Invariant($"  control store job lock (take, check, release), as each append takes it: {Stopwatch.GetElapsedTime(started).TotalMicroseconds / Rounds:0} µs"));
    }

    private static async Task<int> MeasureAsync(IOutlayStore store, List<List<PricedEvent>> warmup, List<List<PricedEvent>> batches, StoreIngestSettings settings, TextWriter output, CancellationToken ct)
    {
        // A store that already holds events (e.g. the dashboard mode's 10M) measures ingest at that size; the events
        // generated here are new (their UUIDv7 ids carry this run's timestamps), so the count must grow by exactly N.
        var project = await store.EnsureProjectAsync(StoreSeeder.ProjectName, ct).ConfigureAwait(false);
        long warmed = 0;
        if (warmup.Count > 0)
        {
            warmed = await RunAppendersAsync(store, project.Id, warmup, settings.Concurrency, new double[warmup.Count], ct).ConfigureAwait(false);
            output.WriteLine(Invariant($"warm-up: appended {warmed:N0} other events first (not timed)"));
        }

        var before = await StoreSeeder.CountEventsAsync(store, project.Id, ct).ConfigureAwait(false);
        if (before > warmed)
        {
            output.WriteLine(Invariant($"the store already holds {before:N0} events of the benchmark's project: appending on top of them"));
        }

        var accepted = await AppendAsync(store, project.Id, batches, settings, output, ct).ConfigureAwait(false);
        var stored = await StoreSeeder.CountEventsAsync(store, project.Id, ct).ConfigureAwait(false) - before;
        var ok = accepted == settings.Events && stored == settings.Events;
        output.WriteLine(Invariant($"stored events (read back from the rollups): {stored:N0} new, accepted {accepted:N0} → {(ok ? "complete, none twice" : "MISMATCH")}"));
        return ok ? 0 : 1;
    }

    private static List<List<PricedEvent>> Generate(long events, int seed, StoreIngestSettings settings)
    {
        var started = Stopwatch.StartNew();
        var generator = new SyntheticEventGenerator(events, DateTimeOffset.UtcNow, seed, new CostCalculator(PriceCatalog.BuiltIn), settings.Hours);
        var batches = new List<List<PricedEvent>>();
        var batch = new List<PricedEvent>(settings.BatchSize);
        foreach (var e in generator.Events())
        {
            batch.Add(e);
            if (batch.Count == settings.BatchSize)
            {
                batches.Add(batch);
                batch = new List<PricedEvent>(settings.BatchSize);
            }
        }

        if (batch.Count > 0)
        {
            batches.Add(batch);
        }

        Console.WriteLine(Invariant($"generated and priced in {started.Elapsed.TotalSeconds:0.0}s (not timed below)"));
        return batches;
    }

    private static async Task<long> AppendAsync(IOutlayStore store, string projectId, List<List<PricedEvent>> batches, StoreIngestSettings settings, TextWriter output, CancellationToken ct)
    {
        GC.Collect();
        var latencies = new double[batches.Count];
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gcBefore = GC.CollectionCount(0);
        var writtenBefore = BytesWritten();
        var wall = Stopwatch.StartNew();

        var sqlite = store as SqliteOutlayStore;
        var writerBefore = sqlite?.WriterCpuNanoseconds ?? 0;
        var writerWallBefore = sqlite?.WriterWallNanoseconds ?? 0;
        var catchUpBefore = sqlite?.CatchUpWaitNanoseconds ?? 0;
        var commitsBefore = sqlite?.WalSync.Commits ?? 0;
        var flushesBefore = sqlite?.WalSync.Flushes ?? 0;
        var checkpointsBefore = sqlite?.Checkpointer.Passes ?? 0;
        var rollupWorkBefore = sqlite?.RollupWork ?? default;
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reads = settings.ReadEveryMs > 0 ? ReadWhileAppendingAsync(store, projectId, settings.ReadEveryMs, stopReading.Token) : Task.FromResult(new List<double>());
        var accepted = await RunAppendersAsync(store, projectId, batches, settings.Concurrency, latencies, ct).ConfigureAwait(false);
        wall.Stop();
        await stopReading.CancelAsync().ConfigureAwait(false);
        var readLatencies = await reads.ConfigureAwait(false);
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var written = BytesWritten() - writtenBefore;
        Array.Sort(latencies);
        output.WriteLine(Invariant(
            $"ingest: {accepted:N0} events in {batches.Count:N0} batches of {settings.BatchSize:N0} from {settings.Concurrency} appender(s), each acknowledged after a durable commit, in {wall.Elapsed.TotalSeconds:0.00}s → {accepted / wall.Elapsed.TotalSeconds:N0} events/s"));
        output.WriteLine(Invariant(
            $"  batch append latency p50 / p90 / p99: {Percentile(latencies, 0.50):0.0} / {Percentile(latencies, 0.90):0.0} / {Percentile(latencies, 0.99):0.0} ms"));
        output.WriteLine(Invariant(
            $"  process CPU {cpu.TotalSeconds:0.00}s ({cpu.TotalMicroseconds / accepted:0.0} µs per event), allocated {allocated / (double)accepted:N0} B per event, {GC.CollectionCount(0) - gcBefore} gen0 GCs; {MachineLoad.Describe()}"));
        output.WriteLine(Invariant($"  written to files (WAL and checkpoints): {written / (double)accepted:N0} B per event"));
        if (readLatencies.Count > 0)
        {
            readLatencies.Sort();
            output.WriteLine(Invariant(
                $"  30-day spend total read during ingest, every {settings.ReadEveryMs} ms: {readLatencies.Count} reads, p50 / p95 / max {Percentile([.. readLatencies], 0.50):0.0} / {Percentile([.. readLatencies], 0.95):0.0} / {readLatencies[^1]:0.0} ms"));
        }
        if (sqlite is not null && sqlite.WriterCpuNanoseconds > writerBefore)
        {
            // The single writer bounds throughput: with its CPU per event at w µs, no core count exceeds 1/w events/µs.
            var writerMicros = (sqlite.WriterCpuNanoseconds - writerBefore) / 1_000.0 / accepted;
            output.WriteLine(Invariant($"  writer thread CPU {writerMicros:0.0} µs per event (its ceiling {1_000_000 / writerMicros:N0} events/s), callers and the rest {cpu.TotalMicroseconds / accepted - writerMicros:0.0} µs"));
            var writerWall = (sqlite.WriterWallNanoseconds - writerWallBefore) / 1e9;
            var catchUp = (sqlite.CatchUpWaitNanoseconds - catchUpBefore) / 1e9;
            output.WriteLine(Invariant(
                $"  writer busy {writerWall:0.00}s of {wall.Elapsed.TotalSeconds:0.00}s ({writerWall / wall.Elapsed.TotalSeconds:P0}; its CPU {(sqlite.WriterCpuNanoseconds - writerBefore) / 1e9 / writerWall:P0} of that), and {catchUp:0.00}s waiting under its lock for checkpoints so the WAL could restart"));
            var work = sqlite.RollupWork;
            output.WriteLine(Invariant(
                $"  of the writer's time: {(work.FoldNanoseconds - rollupWorkBefore.FoldNanoseconds) / 1e9:0.00}s writing {work.Folds - rollupWorkBefore.Folds:N0} folds of held rollup sums ({work.Rows - rollupWorkBefore.Rows:N0} rows, {(work.Rows - rollupWorkBefore.Rows) / (double)accepted:0.00} per event), {(work.HoldNanoseconds - rollupWorkBefore.HoldNanoseconds) / 1e9:0.00}s adding appends' sums to the held ones"));
            output.WriteLine(Invariant($"  {sqlite.WalSync.Commits - commitsBefore:N0} commits acknowledged by {sqlite.WalSync.Flushes - flushesBefore:N0} WAL flushes; {sqlite.Checkpointer.Passes - checkpointsBefore:N0} background checkpoints"));
        }

        return accepted;
    }

    /// <summary>
    /// Until cancelled, asks the store for the 30-day spend total every <paramref name="everyMs"/> ms (the overview's
    /// headline question) and returns each answer's latency, in milliseconds.
    /// </summary>
    private static async Task<List<double>> ReadWhileAppendingAsync(IOutlayStore store, string projectId, int everyMs, CancellationToken ct)
    {
        var latencies = new List<double>();
        var now = DateTimeOffset.UtcNow;
        var query = Outlay.Core.Querying.SpendQueryParser.Parse(
            now.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), now.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null, null, now);
        try
        {
            while (true)
            {
                await Task.Delay(everyMs, ct).ConfigureAwait(false);
                var started = Stopwatch.GetTimestamp();
                await store.QuerySpendAsync(projectId, query, ct).ConfigureAwait(false);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return latencies;
        }
    }

    /// <summary>
    /// Appends <paramref name="batches"/> from <paramref name="concurrency"/> appenders; each takes the next batch and
    /// waits for its commit before taking another, like one SDK sender. With several, batches that queue behind the
    /// writer share a commit (the store's group commit). Returns the events accepted; each batch's latency goes to
    /// <paramref name="latencies"/>.
    /// </summary>
    private static async Task<long> RunAppendersAsync(IOutlayStore store, string projectId, List<List<PricedEvent>> batches, int concurrency, double[] latencies, CancellationToken ct)
    {
        var next = -1;
        var appenders = Enumerable.Range(0, concurrency).Select(_ => Task.Run(
            async () =>
            {
                long stored = 0;
                int i;
                while ((i = Interlocked.Increment(ref next)) < batches.Count)
                {
                    var started = Stopwatch.GetTimestamp();
                    var result = await store.AppendEventsAsync(projectId, batches[i], ct).ConfigureAwait(false);
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    stored += result.Accepted;
                }

                return stored;
            },
            ct));
        return (await Task.WhenAll(appenders).ConfigureAwait(false)).Sum();
    }

    /// <summary>Bytes the process passed to write calls (<c>wchar</c> of <c>/proc/self/io</c>), or 0 where unavailable.</summary>
    private static long BytesWritten()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/io"))
            {
                if (line.StartsWith("wchar:", StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // Not Linux: the figure is left out as 0.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }

        return 0;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
