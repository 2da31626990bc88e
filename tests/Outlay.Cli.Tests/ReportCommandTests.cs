using System.Globalization;
using System.Text.Json;
using Outlay.Core.Events;
using Outlay.Core.Keys;
using Outlay.Core.Pricing;
using Outlay.Sdk;
using Outlay.Server;
using SdkEvent = Outlay.Sdk.UsageEvent;

namespace Outlay.Cli.Tests;

public sealed class ReportCommandTests
{
    private static readonly DateTimeOffset Hour = new(DateTimeOffset.UtcNow.Year, DateTimeOffset.UtcNow.Month, DateTimeOffset.UtcNow.Day, DateTimeOffset.UtcNow.Hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Store_and_server_reports_agree_to_the_nano_dollar_with_the_calculator()
    {
        using var store = new TempStore();
        await using var app = await OutlayServerApp.StartAsync(
            new OutlayServerOptions { Urls = "http://127.0.0.1:0", StorePath = store.FilePath, ConsoleLogging = false },
            TestContext.Current.CancellationToken);
        var project = await app.Store.EnsureProjectAsync("shop", TestContext.Current.CancellationToken);
        var ingest = await AddKeyAsync(app, ApiKeyKind.Ingest, project.Id);
        var read = await AddKeyAsync(app, ApiKeyKind.Read, project.Id);

        var events = new[]
        {
            Event("openai", "gpt-4o-mini-2024-07-18", 1200, 300, cacheRead: 1000, feature: "summarize", minutesAgo: 50),
            Event("openai", "gpt-4o-mini-2024-07-18", 900, 100, cacheRead: 0, feature: "summarize", minutesAgo: 40),
            Event("anthropic", "claude-sonnet-4-20250514", 24_000, 700, cacheRead: 20_000, feature: "answer", minutesAgo: 30),
            Event("gemini", "gemini-2.5-flash", 800, 300, cacheRead: 0, feature: "answer", minutesAgo: 20),
            Event("acme-ai", "acme-llm-7b-preview", 500, 50, cacheRead: 0, feature: "lab", minutesAgo: 10),
        };
        await using (var client = new OutlayClient(new OutlayClientOptions { Endpoint = app.Addresses[0], IngestKey = ingest }))
        {
            foreach (var e in events)
            {
                Assert.True(client.Track(e));
            }

            Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken));
        }

        var from = Hour.AddHours(-2).ToString("O", CultureInfo.InvariantCulture);
        var to = Hour.AddHours(2).ToString("O", CultureInfo.InvariantCulture);
        var viaStore = await CliRun.InvokeAsync("report", "--store", store.Spec, "--project", "shop", "--since", from, "--until", to, "--by", "model,tag.feature", "--json");
        var viaServer = await CliRun.InvokeAsync("report", "--server", app.Addresses[0].ToString(), "--key", read, "--since", from, "--until", to, "--by", "model,tag.feature", "--json");
        Assert.Equal(0, viaStore.ExitCode);
        Assert.True(viaServer.ExitCode == 0, viaServer.Error);

        using var storeJson = JsonDocument.Parse(viaStore.Json);
        using var serverJson = JsonDocument.Parse(viaServer.Json);
        Assert.True(JsonElement.DeepEquals(storeJson.RootElement.GetProperty("rows"), serverJson.RootElement.GetProperty("rows")), viaStore.Json + viaServer.Json);
        Assert.Equal(4, storeJson.RootElement.GetProperty("rows").GetArrayLength());

        var calculator = new CostCalculator(PriceCatalog.BuiltIn);
        var expectedNanos = events
            .Select(e => calculator.Calculate(e.Provider!, e.Model!, new TokenUsage(e.InputTokens, e.OutputTokens, e.CacheReadTokens), ServiceTiers.Default, e.Timestamp).CostNanoUsd ?? 0)
            .Sum();
        Assert.Equal(NanoUsd.ToUsd(expectedNanos), storeJson.RootElement.GetProperty("total_cost_usd").GetDecimal());
        Assert.Equal(NanoUsd.ToUsd(expectedNanos), serverJson.RootElement.GetProperty("total_cost_usd").GetDecimal());
        Assert.Equal(1, serverJson.RootElement.GetProperty("unpriced_events").GetInt64());

        var table = await CliRun.InvokeAsync("report", "--server", app.Addresses[0].ToString(), "--key", read, "--since", from, "--until", to, "--by", "model");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("unpriced", table.Human, StringComparison.Ordinal);
        Assert.Contains("claude-sonnet-4-20250514", table.Human, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_reported_without_a_stack_trace()
    {
        using var store = new TempStore();
        await using var app = await OutlayServerApp.StartAsync(
            new OutlayServerOptions { Urls = "http://127.0.0.1:0", StorePath = store.FilePath, ConsoleLogging = false },
            TestContext.Current.CancellationToken);
        var run = await CliRun.InvokeAsync("report", "--server", app.Addresses[0].ToString(), "--key", "olk_read_nope");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("401", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_dimension_names_the_parameter()
    {
        using var store = new TempStore();
        var run = await CliRun.InvokeAsync("report", "--store", store.Spec, "--by", "prompt");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("groupBy", run.Error, StringComparison.Ordinal);
    }

    private static async Task<string> AddKeyAsync(OutlayServerApp app, ApiKeyKind kind, string projectId)
    {
        var (text, record) = ApiKeyFactory.Create(kind, projectId, null, null, DateTimeOffset.UtcNow);
        await app.Store.AddKeyAsync(record, TestContext.Current.CancellationToken);
        return text;
    }

    private static SdkEvent Event(string provider, string model, long input, long output, long cacheRead, string feature, int minutesAgo) => new()
    {
        Timestamp = DateTimeOffset.UtcNow.AddMinutes(-minutesAgo),
        Provider = provider,
        Model = model,
        InputTokens = input,
        OutputTokens = output,
        CacheReadTokens = cacheRead,
        Service = "shop-api",
        Tags = new Dictionary<string, string> { ["feature"] = feature },
    };
}
