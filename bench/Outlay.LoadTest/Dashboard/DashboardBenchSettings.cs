using System.Globalization;
using Outlay.Server;

namespace Outlay.LoadTest.Dashboard;

/// <summary>Command-line settings of the dashboard benchmark mode.</summary>
/// <param name="Events">Events to seed (default 1,000,000).</param>
/// <param name="Store">The store in any form <see cref="StoreSpec.Parse"/> accepts (<c>sqlite:PATH</c>, <c>postgres:CONNECTION-STRING</c>, …), or a bare SQLite path (default <c>/tmp/outlay-bench-N.db</c>).</param>
/// <param name="End">End of the seeded 30 days (default: the current UTC day's midnight, so every engine seeded the same day holds identical events).</param>
/// <param name="Seed">Random seed of the generator (default 42).</param>
/// <param name="BatchSize">Events per append (default 5,000).</param>
/// <param name="WarmUp">Unmeasured runs per query or page (default 5).</param>
/// <param name="Measured">Measured runs per query or page (default 30).</param>
/// <param name="Http">Whether the pages are timed over HTTP too (default true).</param>
internal sealed record DashboardBenchSettings(
    long Events,
    StoreSpec Store,
    DateTimeOffset End,
    int Seed,
    int BatchSize,
    int WarmUp,
    int Measured,
    bool Http)
{
    /// <summary>The usage line; the store forms are the server's (<see cref="StoreSpec.Forms"/>), so a new engine appears here too.</summary>
    public static string Usage =>
        "usage: dotnet run -c Release --project bench/Outlay.LoadTest -- dashboard [--events N (1000000)] "
        + $"[--store {StoreSpec.Forms}, or a SQLite PATH (sqlite:/tmp/outlay-bench-N.db)] "
        + "[--end UTC-TIME (today's 00:00 UTC)] [--seed N (42)] [--batch N (5000)] [--warmup N (5)] [--requests N (30)] [--no-http]";

    public static DashboardBenchSettings? Parse(IReadOnlyList<string> args)
    {
        long events = 1_000_000;
        string? store = null;
        var end = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
        var seed = 42;
        var batch = 5_000;
        var warmUp = 5;
        var measured = 30;
        var http = true;
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--events": events = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--store": store = Next(); break;
                case "--end": end = DateTimeOffset.Parse(Next(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmUp = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--requests": measured = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--no-http": http = false; break;
                default: return null;
            }
        }

        // Bounded so a typo cannot fill the disk: 100M events is ~50 GB of SQLite.
        if (events is < 1 or > 100_000_000 || batch is < 1 or > 100_000 || warmUp is < 0 or > 1_000 || measured is < 1 or > 10_000)
        {
            return null;
        }

        store ??= Path.Combine(Path.GetTempPath(), $"outlay-bench-{events}.db");

        return new DashboardBenchSettings(events, StoreArgument.Parse(store), end, seed, batch, warmUp, measured, http);
    }
}
