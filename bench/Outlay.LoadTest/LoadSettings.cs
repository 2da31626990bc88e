using System.Globalization;

namespace Outlay.LoadTest;

/// <summary>Command-line settings of the load tool.</summary>
internal sealed record LoadSettings(TimeSpan Duration, int Concurrency, int BatchSize, bool Gzip, Uri? Url, string? Key)
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Outlay.LoadTest -- [--duration SECONDS (20)] [--concurrency N (8)] [--batch N (200)] [--no-gzip] [--url http://127.0.0.1:5318 --key olk_ingest_…]\n"
        + "   or: dotnet run -c Release --project bench/Outlay.LoadTest -- dashboard --help";

    public static LoadSettings? Parse(string[] args)
    {
        var duration = TimeSpan.FromSeconds(20);
        var concurrency = 8;
        var batch = 200;
        var gzip = true;
        Uri? url = null;
        string? key = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--duration": duration = TimeSpan.FromSeconds(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--concurrency": concurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--batch": batch = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--no-gzip": gzip = false; break;
                case "--url": url = new Uri(Next()); break;
                case "--key": key = Next(); break;
                default: return null;
            }
        }

        // Bounded: the tool always stops by itself.
        if (duration <= TimeSpan.Zero || duration > TimeSpan.FromMinutes(30) || concurrency is < 1 or > 256 || batch is < 1 or > 1000)
        {
            return null;
        }

        return new LoadSettings(duration, concurrency, batch, gzip, url, key);
    }
}
