using System.Diagnostics;
using System.Globalization;

namespace Outlay.LoadTest.Dashboard;

/// <summary>
/// Times dashboard work directly against the store (no HTTP, no HTML), so a slow part of a page is visible. Besides
/// wall time it reports the process's CPU time per run (all threads; the idle server adds next to nothing), which a
/// busy shared machine stretches far less than wall time.
/// </summary>
internal static class QueryTimer
{
    /// <summary>Stop measuring one query after this much time (at least three samples are taken anyway).</summary>
    private static readonly TimeSpan BudgetPerQuery = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(string title, IReadOnlyList<TimedQuery> queries, int warmUp, int measured, TextWriter output, CancellationToken ct)
    {
        output.WriteLine(Invariant($"{title,-56} {"rows",6} {"n",4} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"CPU p50 ms",11}"));
        foreach (var query in queries)
        {
            var rows = 0;
            var samples = new List<double>(measured);
            var cpu = new List<double>(measured);
            var spent = Stopwatch.StartNew();
            for (var i = 0; i < warmUp + measured; i++)
            {
                var cpuBefore = Environment.CpuUsage.TotalTime;
                var started = Stopwatch.GetTimestamp();
                rows = await query.Run(ct).ConfigureAwait(false);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (i >= warmUp || spent.Elapsed > BudgetPerQuery)
                {
                    samples.Add(ms);
                    cpu.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds);
                }

                if (spent.Elapsed > BudgetPerQuery && samples.Count >= 3)
                {
                    break;
                }
            }

            var summary = new LatencySummary(samples);
            output.WriteLine(Invariant($"{query.Name,-56} {rows,6} {summary.Count,4} {summary.Text()} {new LatencySummary(cpu).P50,11:0.0}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
