using System.Text.Json;
using Outlay.Core.Events;
using Outlay.Core.Keys;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Server;

namespace Outlay.Cli.Tests;

public sealed class ReportTimeZoneTests
{
    [Fact]
    public async Task Store_and_server_reports_fold_the_same_berlin_days()
    {
        using var store = new TempStore();
        await using var app = await OutlayServerApp.StartAsync(
            new OutlayServerOptions { Urls = "http://127.0.0.1:0", StorePath = store.FilePath, ConsoleLogging = false },
            TestContext.Current.CancellationToken);
        var project = await app.Store.EnsureProjectAsync("berlin", TestContext.Current.CancellationToken);
        var (read, record) = ApiKeyFactory.Create(ApiKeyKind.Read, project.Id, null, null, DateTimeOffset.UtcNow);
        await app.Store.AddKeyAsync(record, TestContext.Current.CancellationToken);
        // 23:30Z on 1 November is already 2 November in Berlin; 22:30Z is still 1 November.
        await app.Store.AppendEventsAsync(
            project.Id,
            [Priced(new DateTimeOffset(2026, 11, 1, 22, 30, 0, TimeSpan.Zero), 1_000), Priced(new DateTimeOffset(2026, 11, 1, 23, 30, 0, TimeSpan.Zero), 2_000)],
            TestContext.Current.CancellationToken);
        string[] common = ["--since", "2026-11-01", "--until", "2026-11-03", "--interval", "day", "--time-zone", "Europe/Berlin", "--json"];

        var viaStore = await CliRun.InvokeAsync(["report", "--store", store.Spec, "--project", "berlin", .. common]);
        var viaServer = await CliRun.InvokeAsync(["report", "--server", app.Addresses[0].ToString(), "--key", read, .. common]);

        Assert.True(viaStore.ExitCode == 0, viaStore.Error);
        Assert.True(viaServer.ExitCode == 0, viaServer.Error);
        using var storeJson = JsonDocument.Parse(viaStore.Json);
        using var serverJson = JsonDocument.Parse(viaServer.Json);
        Assert.True(JsonElement.DeepEquals(storeJson.RootElement, serverJson.RootElement), viaStore.Json + viaServer.Json);
        var rows = storeJson.RootElement.GetProperty("rows");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal("2026-11-02T00:00:00+01:00", rows[0].GetProperty("bucket").GetString());
        Assert.Equal("0.000002", rows[0].GetProperty("cost_usd").GetRawText());
        Assert.Equal("2026-11-01T00:00:00+01:00", rows[1].GetProperty("bucket").GetString());
    }

    [Fact]
    public async Task An_unknown_zone_is_a_usage_error_naming_it()
    {
        using var store = new TempStore();

        var run = await CliRun.InvokeAsync("report", "--store", store.Spec, "--time-zone", "Mars/Base");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("timeZone", run.Error, StringComparison.Ordinal);
    }

    private static PricedEvent Priced(DateTimeOffset at, long nano) =>
        new(
            new UsageEvent { Id = Guid.NewGuid(), Timestamp = at, Provider = "openai", Model = "gpt-4o", Usage = new TokenUsage(10, 1) },
            new CostResult(true, nano, new Dictionary<string, long>(), "openai/gpt-4o", "gpt-4o"),
            at);
}
