using System.Globalization;

namespace Outlay.LoadTest.StoreIngest;

/// <summary>Command-line settings of the direct store ingest benchmark mode.</summary>
internal sealed record StoreIngestSettings(long Events, int BatchSize, int Seed, string? StorePath, int Concurrency, int Hours, long Warmup, int ReadEveryMs)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Outlay.LoadTest -- store [--events N (200000)] [--batch N (500)] "
        + "[--seed N (42)] [--store PATH (default a fresh temporary file, deleted at the end; an existing store measures ingest at its size), or clickhouse:URL / postgres:CONNECTION-STRING] [--concurrency N (1): appenders calling at once] "
        + "[--hours N (720): the events' timestamps cover the N hours before now; 1 is live traffic, the default a 30-day backfill] "
        + "[--warmup N (0): append N other events first, untimed, so the hot path runs at its final JIT tier as in a server that has been up a while] "
        + "[--read-every MS (0: none): while appending, time a 30-day spend total through the store every MS ms, as a dashboard refreshing during ingest]";

    public static StoreIngestSettings? Parse(IReadOnlyList<string> args)
    {
        long events = 200_000;
        var batch = 500;
        var seed = 42;
        string? store = null;
        var concurrency = 1;
        var hours = 720;
        long warmup = 0;
        var readEvery = 0;
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--events": events = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--store": store = Next(); break;
                case "--concurrency": concurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--hours": hours = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = long.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--read-every": readEvery = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                default: return null;
            }
        }

        // The events are generated into memory before the timed appends: 10M is about 4 GB.
        if (events is < 1 or > 10_000_000 || warmup is < 0 or > 10_000_000 || batch is < 1 or > 100_000 || concurrency is < 1 or > 64 || hours is < 1 or > 8_760 || readEvery is < 0 or > 60_000)
        {
            return null;
        }

        return new StoreIngestSettings(events, batch, seed, store, concurrency, hours, warmup, readEvery);
    }
}
