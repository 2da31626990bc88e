using System.Globalization;
using Outlay.Core.Keys;
using Outlay.Server;

namespace Outlay.LoadTest.Dashboard;

/// <summary>
/// The dashboard benchmark: fills (or reuses) a store of any engine with the same N synthetic events (same seed and end,
/// same events), starts the real server on it,
/// times the overview's and explore's spend questions directly against the store, then signs in through the real
/// <c>/signin</c> form with a read key and times the pages, reading the server's own render time from <c>Server-Timing</c>.
/// </summary>
internal static class DashboardBench
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var settings = DashboardBenchSettings.Parse(args);
        if (settings is null)
        {
            Console.Error.WriteLine(DashboardBenchSettings.Usage);
            return 2;
        }

        var output = Console.Out;
        var ct = CancellationToken.None;
        output.WriteLine(Invariant($"Outlay dashboard benchmark: {settings.Events:N0} events, store {settings.Store.Display}, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
        await StoreSeeder.SeedAsync(settings.Store, settings.Events, settings.End, settings.Seed, settings.BatchSize, output, ct).ConfigureAwait(false);

        var app = await OutlayServerApp.StartAsync(new OutlayServerOptions
        {
            Urls = "http://127.0.0.1:0",
            StorePath = settings.Store.SqlitePath ?? string.Empty,
            Store = settings.Store.SqlitePath is null ? settings.Store.Engine + ":" + settings.Store.Target : null,
            ConsoleLogging = false,
        }, ct).ConfigureAwait(false);
        await using (app.ConfigureAwait(false))
        {
            var project = await app.Store.FindProjectAsync(StoreSeeder.ProjectName, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("The bench project is missing.");
            output.WriteLine();
            output.WriteLine(Invariant($"Direct timing, no HTTP or HTML ({settings.WarmUp} warm-up, up to {settings.Measured} measured, about 20 s at most each; {MachineLoad.Describe()}):"));
            await QueryTimer.RunAsync("overview work (SpendQueries.RunAsync etc.)", BenchQueries.Overview(app.Store, project.Id), settings.WarmUp, settings.Measured, output, ct).ConfigureAwait(false);
            await QueryTimer.RunAsync("explore query (SpendQueries.RunAsync)", [.. BenchQueries.Explore().Select(q => BenchQueries.Timed(q, app.Store, project.Id))], settings.WarmUp, settings.Measured, output, ct).ConfigureAwait(false);
            output.WriteLine(MachineLoad.Describe());

            if (settings.Http)
            {
                var (keyText, record) = ApiKeyFactory.Create(ApiKeyKind.Read, project.Id, null, "dashboard-bench", DateTimeOffset.UtcNow);
                await app.Store.AddKeyAsync(record, ct).ConfigureAwait(false);
                output.WriteLine();
                await PageTimer.RunAsync(app.Addresses[0], keyText, settings.WarmUp, settings.Measured, output, ct).ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
