using System.Globalization;
using System.Text.Json;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Reconciliation;
using Outlay.Sdk;
using Outlay.Server;
using SdkEvent = Outlay.Sdk.UsageEvent;

namespace Outlay.Cli.Tests;

public sealed class ReconcileCommandTests
{
    private const string Label = "openai-prod";
    private static readonly DateTimeOffset Day = new(DateTime.UtcNow.Date.AddDays(-2), TimeSpan.Zero);
    private static readonly string DayText = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Import_usage_with_three_times_the_tracked_tokens_raises_one_finding_and_the_report_shows_it_from_store_and_server()
    {
        using var store = new TempStore();
        await using var app = await OutlayServerApp.StartAsync(
            new OutlayServerOptions { Urls = "http://127.0.0.1:0", StorePath = store.FilePath, ConsoleLogging = false },
            TestContext.Current.CancellationToken);
        var project = await app.Store.EnsureProjectAsync("shop", TestContext.Current.CancellationToken);
        var read = await AddKeyAsync(app, ApiKeyKind.Read, project.Id);
        var admin = await AddKeyAsync(app, ApiKeyKind.Admin, project.Id);
        await TrackAsync(app, await AddKeyAsync(app, ApiKeyKind.Ingest, project.Id), events: 10); // 12,000 in, 3,000 out

        var map = await CliRun.InvokeAsync("reconcile", "map", "openai", "key_leak", Label, "--store", store.Spec, "--project", "shop");
        Assert.True(map.ExitCode == 0, map.Error);

        var file = Path.Combine(store.Folder, "usage.json");
        await File.WriteAllTextAsync(file, OpenAIPage("key_leak", 36_000, 9_000), TestContext.Current.CancellationToken);
        var imported = await CliRun.InvokeAsync("import", "usage", file, "--store", store.Spec, "--project", "shop", "--json");
        Assert.True(imported.ExitCode == 0, imported.Error);
        using (var json = JsonDocument.Parse(imported.Json))
        {
            Assert.Equal("openai", json.RootElement.GetProperty("format").GetString());
            Assert.Equal(1, json.RootElement.GetProperty("untracked_usage").GetInt32());
            Assert.Equal(1, json.RootElement.GetProperty("new_findings").GetInt32());
        }

        var finding = Assert.Single(await app.Store.ListFindingsAsync(project.Id, new FindingQuery(), TestContext.Current.CancellationToken));
        Assert.Equal(FindingKinds.UntrackedUsage, finding.Kind);
        Assert.Equal($"OpenAI reports 3.0× the tracked input tokens on key {Label} on {DayText}", finding.Summary);

        // Through the server the same file is another occurrence of that finding, not a new one.
        var viaServerImport = await CliRun.InvokeAsync("import", "usage", file, "--server", app.Addresses[0].ToString(), "--key", admin, "--provider", "openai", "--json");
        Assert.True(viaServerImport.ExitCode == 0, viaServerImport.Error);
        using (var json = JsonDocument.Parse(viaServerImport.Json))
        {
            Assert.Equal(0, json.RootElement.GetProperty("new_findings").GetInt32());
        }

        var viaStore = await CliRun.InvokeAsync("reconcile", "report", "--store", store.Spec, "--project", "shop", "--from", DayText, "--json");
        var viaServer = await CliRun.InvokeAsync("reconcile", "report", "--server", app.Addresses[0].ToString(), "--key", read, "--from", DayText, "--json");
        Assert.True(viaStore.ExitCode == 0, viaStore.Error);
        Assert.True(viaServer.ExitCode == 0, viaServer.Error);
        using var storeJson = JsonDocument.Parse(viaStore.Json);
        using var serverJson = JsonDocument.Parse(viaServer.Json);
        Assert.True(JsonElement.DeepEquals(storeJson.RootElement.GetProperty("rows"), serverJson.RootElement.GetProperty("rows")), viaStore.Json + viaServer.Json);
        var row = Assert.Single(storeJson.RootElement.GetProperty("rows").EnumerateArray());
        Assert.Equal(Label, row.GetProperty("key_label").GetString());
        Assert.Equal(ReconciliationCauses.UninstrumentedCode, row.GetProperty("cause").GetString());
        Assert.Equal(30_000, row.GetProperty("gap_tokens").GetInt64());
        Assert.Equal(1, storeJson.RootElement.GetProperty("untracked_usage").GetInt32());

        var table = await CliRun.InvokeAsync("reconcile", "report", "--store", store.Spec, "--project", "shop", "--from", DayText);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("uninstrumented_code", table.Human, StringComparison.Ordinal);
        Assert.Contains("Untracked usage", table.Human, StringComparison.Ordinal);
        Assert.Contains("45,000", table.Human, StringComparison.Ordinal); // provider input + output

        Assert.Equal(0, (await CliRun.InvokeAsync("reconcile", "unmap", "openai", "key_leak", "--store", store.Spec, "--project", "shop")).ExitCode);
        var again = await CliRun.InvokeAsync("reconcile", "unmap", "openai", "key_leak", "--store", store.Spec, "--project", "shop");
        Assert.Equal(1, again.ExitCode);
        Assert.Empty(await app.Store.ListProviderKeyMappingsAsync(project.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_bad_file_exits_2_naming_the_line_and_field_and_stores_nothing()
    {
        using var store = new TempStore();
        Assert.Equal(0, (await CliRun.InvokeAsync("keys", "create", "--store", store.Spec, "--kind", "admin", "--project", "shop")).ExitCode);
        var file = Path.Combine(store.Folder, "usage.csv");
        await File.WriteAllTextAsync(file, $"date,provider,input_tokens,output_tokens\n{DayText},openai,12,3\n{DayText},openai,-5,3\n", TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync("import", "usage", file, "--store", store.Spec, "--project", "shop");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("input_tokens", run.Error, StringComparison.Ordinal);
        Assert.Contains("3", run.Error, StringComparison.Ordinal);

        var mapSecret = await CliRun.InvokeAsync("reconcile", "map", "openai", "sk-proj-abcdefghijklmnop0123", Label, "--store", store.Spec, "--project", "shop");
        Assert.Equal(2, mapSecret.ExitCode);
        Assert.DoesNotContain("abcdefghijklmnop0123", mapSecret.Error, StringComparison.Ordinal);

        var report = await CliRun.InvokeAsync("reconcile", "report", "--store", store.Spec, "--project", "shop", "--json");
        Assert.Equal(0, report.ExitCode);
        using var json = JsonDocument.Parse(report.Json);
        Assert.Equal(0, json.RootElement.GetProperty("rows").GetArrayLength());
    }

    private static async Task TrackAsync(OutlayServerApp app, string ingest, int events)
    {
        await using var client = new OutlayClient(new OutlayClientOptions { Endpoint = app.Addresses[0], IngestKey = ingest });
        for (var i = 0; i < events; i++)
        {
            Assert.True(client.Track(new SdkEvent
            {
                Timestamp = Day.AddHours(12).AddMinutes(i),
                Provider = "openai",
                Model = "gpt-4o-mini",
                InputTokens = 1200,
                OutputTokens = 300,
                KeyLabel = Label,
            }));
        }

        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
    }

    private static async Task<string> AddKeyAsync(OutlayServerApp app, ApiKeyKind kind, string projectId)
    {
        var (text, record) = ApiKeyFactory.Create(kind, projectId, null, null, DateTimeOffset.UtcNow);
        await app.Store.AddKeyAsync(record, TestContext.Current.CancellationToken);
        return text;
    }

    private static string OpenAIPage(string keyId, long input, long output)
    {
        var start = Day.ToUnixTimeSeconds();
        return "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":" + start + ",\"end_time\":" + (start + 86400)
            + ",\"results\":[{\"object\":\"organization.usage.completions.result\",\"input_tokens\":" + input + ",\"output_tokens\":" + output
            + ",\"num_model_requests\":30,\"project_id\":\"proj_cli\",\"user_id\":null,\"api_key_id\":\"" + keyId
            + "\",\"model\":\"gpt-4o-mini-2024-07-18\",\"batch\":null,\"input_cached_tokens\":0}]}],\"has_more\":false,\"next_page\":null}";
    }
}
