using System.Globalization;

namespace Outlay.LoadTest.Dashboard;

/// <summary>Command-line settings of the dashboard benchmark mode.</summary>
internal sealed record DashboardBenchSettings(
    long Events,
    string StorePath,
    int Seed,
    int BatchSize,
    int WarmUp,
    int Measured,
    bool Http)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Outlay.LoadTest -- dashboard [--events N (1000000)] [--store PATH (/tmp/outlay-bench-N.db)] "
        + "[--seed N (42)] [--batch N (5000)] [--warmup N (5)] [--requests N (30)] [--no-http]";

    public static DashboardBenchSettings? Parse(IReadOnlyList<string> args)
    {
        long events = 1_000_000;
        string? store = null;
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
        return new DashboardBenchSettings(events, store, seed, batch, warmUp, measured, http);
    }
}
