using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Outlay.Core.Pricing;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server;

namespace Outlay.LoadTest.Dashboard;

/// <summary>
/// Fills a store (any engine) with the synthetic events through the store's own <see cref="IOutlayStore.AppendEventsAsync(string, IReadOnlyList{PricedEvent}, CancellationToken)"/>,
/// one transaction per batch, committed durably (SQLite: WAL, <c>synchronous=FULL</c>; PostgreSQL: binary COPY, commit
/// with <c>synchronous_commit</c> as the server has it) before the next batch starts. A generator
/// thread prices events while the appender writes, so the append rate measures the store rather than the generator.
/// </summary>
internal static class StoreSeeder
{
    public const string ProjectName = "bench";

    /// <summary>Reuses the store when it already holds <paramref name="count"/> events of the bench project; otherwise fills an empty one.</summary>
    public static async Task SeedAsync(StoreSpec spec, long count, DateTimeOffset end, int seed, int batchSize, TextWriter output, CancellationToken ct)
    {
        var path = spec.Display;
        var store = await spec.OpenAsync(ct).ConfigureAwait(false);
        await using (store.ConfigureAwait(false))
        {
            var project = await store.EnsureProjectAsync(ProjectName, ct).ConfigureAwait(false);
            var stored = await CountEventsAsync(store, project.Id, ct).ConfigureAwait(false);
            if (stored == count)
            {
                output.WriteLine(Invariant($"store {path} already holds {stored:N0} events: reusing it as it is (its end may differ from --end; delete the file or drop the database to regenerate)"));
                return;
            }

            if (stored != 0)
            {
                throw new InvalidOperationException(Invariant(
                    $"{path} holds {stored:N0} events of project '{ProjectName}', not {count:N0}; delete it or pass another --store."));
            }

            await FillAsync(store, spec.Engine, project.Id, count, end, seed, batchSize, output, ct).ConfigureAwait(false);
            var after = await CountEventsAsync(store, project.Id, ct).ConfigureAwait(false);
            output.WriteLine(Invariant($"stored events (read back from the rollups): {after:N0} → {(after == count ? "complete" : "MISMATCH")}"));
            if (after != count)
            {
                throw new InvalidOperationException("The store does not hold the generated events.");
            }
        }
    }

    /// <summary>Events of the project in the last 400 days, from the rollups.</summary>
    public static async Task<long> CountEventsAsync(IOutlayStore store, string projectId, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var all = new SpendQuery(HourAlignment.Floor(now - SpendQueryParser.MaxRange), HourAlignment.Ceiling(now), [], SpendInterval.None, []);
        var result = await store.QuerySpendAsync(projectId, all, ct).ConfigureAwait(false);
        return result.Rows.Sum(r => r.Events);
    }

    private static async Task FillAsync(IOutlayStore store, string engine, string projectId, long count, DateTimeOffset end, int seed, int batchSize, TextWriter output, CancellationToken ct)
    {
        var generator = new SyntheticEventGenerator(count, end, seed, new CostCalculator(PriceCatalog.BuiltIn));
        output.WriteLine(Invariant($"generating {count:N0} events (seed {seed}) for {end - SyntheticEventGenerator.Span:u} … {end:u}, appending in batches of {batchSize:N0}; {MachineLoad.Describe()}"));

        var batches = Channel.CreateBounded<List<PricedEvent>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var generating = TimeSpan.Zero;
        var producer = Task.Run(async () =>
        {
            try
            {
                var busy = Stopwatch.StartNew();
                var batch = new List<PricedEvent>(batchSize);
                foreach (var e in generator.Events())
                {
                    batch.Add(e);
                    if (batch.Count == batchSize)
                    {
                        busy.Stop();
                        await batches.Writer.WriteAsync(batch, ct).ConfigureAwait(false);
                        busy.Start();
                        batch = new List<PricedEvent>(batchSize);
                    }
                }

                if (batch.Count > 0)
                {
                    await batches.Writer.WriteAsync(batch, ct).ConfigureAwait(false);
                }

                generating = busy.Elapsed;
                batches.Writer.Complete();
            }
            catch (Exception ex)
            {
                batches.Writer.Complete(ex);
            }
        }, ct);

        var cpuBefore = Environment.CpuUsage.TotalTime;
        var wall = Stopwatch.StartNew();
        var appendTime = TimeSpan.Zero;
        long accepted = 0, duplicates = 0, nextReport = 1_000_000;
        await foreach (var batch in batches.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            var started = Stopwatch.GetTimestamp();
            var result = await store.AppendEventsAsync(projectId, batch, ct).ConfigureAwait(false);
            appendTime += Stopwatch.GetElapsedTime(started);
            accepted += result.Accepted;
            duplicates += result.Duplicates;
            if (accepted >= nextReport)
            {
                output.WriteLine(Invariant(
                    $"  {accepted,12:N0} events  {accepted / wall.Elapsed.TotalSeconds,9:N0}/s overall  {accepted / appendTime.TotalSeconds,9:N0}/s in appends  ({wall.Elapsed.TotalSeconds:0}s)"));
                nextReport += 1_000_000;
            }
        }

        await producer.ConfigureAwait(false);
        wall.Stop();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        output.WriteLine(Invariant($"ingest: {accepted:N0} events stored ({duplicates:N0} duplicates) in {wall.Elapsed.TotalSeconds:0.0}s"));
        output.WriteLine(Invariant(
            $"ingest rate, {engine}, direct IOutlayStore.AppendEventsAsync, {batchSize:N0} events per transaction, each committed before the next: {accepted / appendTime.TotalSeconds:N0} events/s in the store ({appendTime.TotalSeconds:0.0}s of appends), {accepted / wall.Elapsed.TotalSeconds:N0} events/s wall clock including generation and pricing"));
        output.WriteLine(Invariant($"  generating and pricing took {generating.TotalSeconds:0.0}s on its own thread, overlapping the appends"));
        output.WriteLine(Invariant(
            $"  process CPU {cpu.TotalSeconds:0.0}s in all ({cpu.TotalMicroseconds / accepted:0.0} µs per event, generation included); {MachineLoad.Describe()} at the end"));
        output.WriteLine("  (no HTTP, JSON parsing or authentication in this figure; the ingest load tool without 'dashboard' measures that path)");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
