using System.CommandLine;
using System.Globalization;
using Outlay.Cli.Demo;
using Outlay.Cli.Output;
using Outlay.Cli.Stores;
using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Sdk;
using Outlay.Server;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay demo</c>: a server on a throw-away store, a week of history and a few minutes of live traffic sent
/// through the real SDK by three imaginary services, then a report and the addresses to look at.
/// </summary>
internal static class DemoCommand
{
    private const string ProjectName = "demo";

    public static Command Create(CliConsole console)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where the demo server listens. Default: http://127.0.0.1:5318.",
            DefaultValueFactory = _ => ServeCommand.DefaultUrls,
        };
        var store = new Option<string?>("--store") { Description = "Keep the demo data in this store (sqlite:PATH). Default: a new temporary folder." };
        var duration = new Option<TimeSpan>("--duration")
        {
            Description = "How long to send live traffic, e.g. 00:03:00. Default: 3 minutes.",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(3),
        };
        var rate = new Option<int>("--rate") { Description = "Live calls per second. Default: 12.", DefaultValueFactory = _ => 12 };
        var historyDays = new Option<int>("--history-days") { Description = "Days of history to backfill. Default: 7.", DefaultValueFactory = _ => 7 };
        var seed = new Option<int>("--seed") { Description = "Random seed, for a repeatable demo. Default: 2026.", DefaultValueFactory = _ => 2026 };
        var exit = new Option<bool>("--exit") { Description = "Stop when the traffic is done instead of serving until Ctrl+C." };

        var command = new Command("demo", "Start a server on a temporary store and drive realistic spend through the real SDK.")
        {
            urls, store, duration, rate, historyDays, seed, exit,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new DemoSettings(
                parse.GetValue(urls) ?? ServeCommand.DefaultUrls,
                parse.GetValue(store),
                parse.GetValue(duration),
                Math.Clamp(parse.GetValue(rate), 1, 2_000),
                Math.Clamp(parse.GetValue(historyDays), 0, 60),
                parse.GetValue(seed),
                parse.GetValue(exit));
            return await RunAsync(console, settings, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, DemoSettings settings, CancellationToken cancellationToken)
    {
        var location = settings.Store is null
            ? StoreLocation.Sqlite(Path.Combine(Path.GetTempPath(), "outlay-demo-" + Guid.NewGuid().ToString("N")[..8], "outlay.db"))
            : StoreLocation.Resolve(settings.Store);

        await using var app = await OutlayServerApp.StartAsync(
            new OutlayServerOptions { Urls = settings.Urls, Store = location.ServerStore },
            cancellationToken).ConfigureAwait(false);
        var server = app.Addresses[0];
        var project = await app.Store.EnsureProjectAsync(ProjectName, cancellationToken).ConfigureAwait(false);
        var ingestKey = await CreateKeyAsync(app.Store, ApiKeyKind.Ingest, project, "demo ingest", cancellationToken).ConfigureAwait(false);
        var readKey = await CreateKeyAsync(app.Store, ApiKeyKind.Read, project, "demo read", cancellationToken).ConfigureAwait(false);
        var adminKey = await CreateKeyAsync(app.Store, ApiKeyKind.Admin, project, "demo admin", cancellationToken).ConfigureAwait(false);

        PrintWhereToLook(console, server, location, readKey, adminKey);

        var clients = DemoScenario.Workloads.Select(w => w.Service).Distinct(StringComparer.Ordinal).ToDictionary(
            service => service,
            service => new OutlayClient(new OutlayClientOptions
            {
                Endpoint = server,
                IngestKey = ingestKey,
                Service = service,
                MaxQueueSize = 100_000,
                FlushInterval = TimeSpan.FromMilliseconds(500),
            }),
            StringComparer.Ordinal);
        try
        {
            var generator = new DemoTrafficGenerator(settings.Seed);
            var history = await BackfillAsync(generator, clients, settings.HistoryDays, cancellationToken).ConfigureAwait(false);
            console.Human.MarkupLineInterpolated($"Sent [bold]{history:N0}[/] calls of history ({settings.HistoryDays} days) through the SDK.");
            var live = await SendLiveAsync(console, app.Store, project, generator, clients, settings, cancellationToken).ConfigureAwait(false);
            foreach (var client in clients.Values)
            {
                await client.FlushAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            }

            console.Human.MarkupLineInterpolated($"Sent [bold]{live:N0}[/] live calls.");
            await PrintSummaryAsync(console, app.Store, project, settings.HistoryDays, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }

        if (!settings.ExitWhenDone)
        {
            console.Human.MarkupLineInterpolated($"The server is still running at [link]{server}[/]. Press Ctrl+C to stop.");
            try
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how a demo ends.
            }
        }

        return CliApplication.Success;
    }

    private static async Task<string> CreateKeyAsync(IOutlayStore store, ApiKeyKind kind, ProjectRecord project, string name, CancellationToken cancellationToken)
    {
        var (text, record) = ApiKeyFactory.Create(kind, project.Id, null, name, DateTimeOffset.UtcNow);
        await store.AddKeyAsync(record, cancellationToken).ConfigureAwait(false);
        return text;
    }

    private static async Task<long> BackfillAsync(DemoTrafficGenerator generator, Dictionary<string, OutlayClient> clients, int days, CancellationToken cancellationToken)
    {
        long sent = 0;
        var now = DateTimeOffset.UtcNow;
        var firstHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddDays(-days);
        for (var hour = firstHour; hour < now.AddHours(-1); hour = hour.AddHours(1))
        {
            var calls = generator.CallsInHour(hour, peakPerHour: 90);
            for (var i = 0; i < calls; i++)
            {
                var usage = generator.Next(hour + generator.NextOffsetWithin(TimeSpan.FromHours(1)));
                if (clients[usage.Service!].Track(usage))
                {
                    sent++;
                }
            }

            if (hour.Hour == 0)
            {
                // Let each day's history drain before the next, so the queues stay far from full.
                foreach (var client in clients.Values)
                {
                    await client.FlushAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        foreach (var client in clients.Values)
        {
            await client.FlushAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }

        return sent;
    }

    private static async Task<long> SendLiveAsync(
        CliConsole console,
        IOutlayStore store,
        ProjectRecord project,
        DemoTrafficGenerator generator,
        Dictionary<string, OutlayClient> clients,
        DemoSettings settings,
        CancellationToken cancellationToken)
    {
        long sent = 0;
        var started = DateTimeOffset.UtcNow;
        var nextReport = started.AddSeconds(10);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        var perTick = settings.Rate / 10.0;
        var carry = 0.0;
        while (DateTimeOffset.UtcNow - started < settings.Duration && await tick.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            carry += perTick;
            while (carry >= 1)
            {
                carry -= 1;
                var usage = generator.Next(DateTimeOffset.UtcNow);
                if (clients[usage.Service!].Track(usage))
                {
                    sent++;
                }
            }

            if (DateTimeOffset.UtcNow >= nextReport)
            {
                nextReport = nextReport.AddSeconds(10);
                var today = await store.QuerySpendAsync(project.Id, SpendQueryParser.Parse(DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, null, null, null, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
                console.Human.MarkupLineInterpolated($"[grey]{DateTimeOffset.UtcNow:HH:mm:ss}[/] live calls sent: {sent:N0} · spend today so far: [bold]{UsdText.FormatNano(today.TotalCostNanoUsd)}[/]");
            }
        }

        return sent;
    }

    private static async Task PrintSummaryAsync(CliConsole console, IOutlayStore store, ProjectRecord project, int days, CancellationToken cancellationToken)
    {
        var since = $"{Math.Max(days, 1)}d";
        foreach (var groupBy in new[] { "service,tag.feature", "model", "tag.customer" })
        {
            var query = SpendQueryParser.Parse(since, null, groupBy, null, null, DateTimeOffset.UtcNow);
            var result = await store.QuerySpendAsync(project.Id, query, cancellationToken).ConfigureAwait(false);
            console.Human.Write(new Rule($"spend by {groupBy} (last {since})").LeftJustified());
            console.Human.Write(SpendTable.Build(result, query.GroupBy.Select(d => d.Name).ToList(), series: false, compact: true));
        }
    }

    private static void PrintWhereToLook(CliConsole console, Uri server, StoreLocation location, string readKey, string adminKey)
    {
        // Plain lines, not a panel: keys and commands must survive copy and paste unbroken.
        console.Human.Write(new Rule("Outlay demo: where to look").LeftJustified());
        var lines = console.Human.Profile.Out.Writer;
        lines.WriteLine($"Server:      {server}");
        lines.WriteLine($"Store:       {location}");
        lines.WriteLine($"Dashboard:   {server} (sign in with the admin key to manage keys, or the read key to look)");
        lines.WriteLine($"Admin key:   {adminKey}");
        lines.WriteLine($"Read key:    {readKey}");
        lines.WriteLine($"Spend API:   curl -H \"Authorization: Bearer {readKey}\" \"{new Uri(server, "api/v1/spend?from=7d&groupBy=model,tag.feature")}\"");
        // A PostgreSQL store prints without its password, which --store cannot use: point at OUTLAY_STORE instead.
        var storeArgument = location.Engine == StoreSpec.SqliteEngine ? "--store " + location : "(with OUTLAY_STORE set to the same postgres: store)";
        lines.WriteLine($"Report:      outlay report {storeArgument} --project {ProjectName} --since 7d --by service,tag.feature");
        lines.WriteLine($"Via server:  OUTLAY_KEY={readKey} outlay report --server {server} --by tag.customer");
        lines.WriteLine($"API schema:  {new Uri(server, "openapi/v1.json")}");
        console.Human.Write(new Rule().LeftJustified());
    }
}
