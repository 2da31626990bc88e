using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Server;

namespace Outlay.LoadTest;

/// <summary>
/// Sustained ingest load with durable acknowledgement: several senders post batches of v1 events to
/// <c>/v1/events</c> on loopback for a fixed time and count only what the server acknowledged as stored.
/// With no <c>--url</c> it starts its own server on a fresh SQLite file and, at the end, checks that the
/// store holds exactly the acknowledged events. The <c>dashboard</c> mode (see <see cref="Dashboard.DashboardBench"/>)
/// instead fills a store with millions of events and times the dashboard's queries and pages; the <c>store</c> mode
/// (see <see cref="StoreIngest.StoreIngestBench"/>) measures the SQLite store's own append rate without HTTP.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "dashboard")
        {
            return await Dashboard.DashboardBench.RunAsync(args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "store")
        {
            return await StoreIngest.StoreIngestBench.RunAsync(args[1..]).ConfigureAwait(false);
        }

        var settings = LoadSettings.Parse(args);
        if (settings is null)
        {
            Console.Error.WriteLine(LoadSettings.Usage);
            return 2;
        }

        string? tempDir = null;
        OutlayServerApp? app = null;
        Uri target;
        string key;
        string? projectId = null;
        if (settings.Url is null)
        {
            tempDir = Path.Combine(Path.GetTempPath(), "outlay-load-" + Guid.NewGuid().ToString("N")[..8]);
            app = await OutlayServerApp.StartAsync(new OutlayServerOptions
            {
                Urls = "http://127.0.0.1:0",
                StorePath = Path.Combine(tempDir, "outlay.db"),
                // The load tool measures the store and the pipeline, not the per-key rate limiter.
                IngestEventsPerSecond = 0,
                ConsoleLogging = false,
            }).ConfigureAwait(false);
            target = app.Addresses[0];
            var project = await app.Store.EnsureProjectAsync("load").ConfigureAwait(false);
            projectId = project.Id;
            var (text, record) = ApiKeyFactory.Create(ApiKeyKind.Ingest, project.Id, null, "load", DateTimeOffset.UtcNow);
            await app.Store.AddKeyAsync(record).ConfigureAwait(false);
            key = text;
        }
        else
        {
            target = settings.Url;
            key = settings.Key ?? Environment.GetEnvironmentVariable("OUTLAY_KEY")
                ?? throw new InvalidOperationException("--url needs --key or OUTLAY_KEY (an ingest key).");
        }

        Console.WriteLine($"Outlay load: {settings.Concurrency} senders × batches of {settings.BatchSize} for {settings.Duration.TotalSeconds:0}s against {target} ({(app is null ? "external server" : "in-process server, SQLite " + tempDir)}); gzip={settings.Gzip}");
        var result = await LoadRun.RunAsync(target, key, settings).ConfigureAwait(false);
        result.Print(Console.Out);

        var exit = 0;
        if (app is not null)
        {
            var all = SpendQueryParser.Parse("2d", null, null, null, null, DateTimeOffset.UtcNow);
            var stored = await app.Store.QuerySpendAsync(projectId!, all).ConfigureAwait(false);
            var storedEvents = stored.Rows.Sum(r => r.Events);
            Console.WriteLine($"stored events: {storedEvents:N0} (acknowledged {result.AcceptedEvents:N0}) → {(storedEvents == result.AcceptedEvents ? "every acknowledged event is stored, none twice" : "MISMATCH")}");
            if (storedEvents != result.AcceptedEvents)
            {
                exit = 1;
            }

            await app.DisposeAsync().ConfigureAwait(false);
            try
            {
                Directory.Delete(tempDir!, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }

        return exit;
    }
}
