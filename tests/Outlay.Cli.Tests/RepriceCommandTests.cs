using System.Text.Json;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Storage.Sqlite;

namespace Outlay.Cli.Tests;

/// <summary>
/// <c>outlay prices reprice</c> against a real store: after a price is added for a model that had none, the stored
/// events of that model are priced exactly as the calculator with that configuration prices them, and the report shows it.
/// </summary>
public sealed class RepriceCommandTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 10, 9, 30, 0, TimeSpan.Zero);

    private const string PricingJson = """
        { "prices": [ { "provider": "acme-ai", "model": "acme-llm-7b", "effective_from": "2026-01-01", "input": "1.5", "output": "4", "cache_read": "0.15" } ] }
        """;

    [Fact]
    public async Task A_corrected_price_reaches_stored_events_and_a_second_run_changes_nothing()
    {
        using var store = new TempStore();
        var pricingPath = Path.Combine(store.Folder, "prices.json");
        var events = await SeedAsync(store);
        await File.WriteAllTextAsync(pricingPath, PricingJson, TestContext.Current.CancellationToken);
        var corrected = new CostCalculator(PriceCatalog.BuiltIn, PricingConfiguration.Load(pricingPath));
        var expectedNanos = events.Sum(e => corrected.Calculate(e.Provider, e.Model, e.Usage, e.ServiceTier, e.Timestamp).CostNanoUsd!.Value);
        var builtInNanos = events.Sum(e => new CostCalculator(PriceCatalog.BuiltIn).Calculate(e.Provider, e.Model, e.Usage, e.ServiceTier, e.Timestamp).CostNanoUsd ?? 0);
        string[] reprice = ["prices", "reprice", "--store", store.Spec, "--pricing-config", pricingPath, "--from", "2026-11-01", "--to", "2026-11-20", "--json"];

        var dry = await CliRun.InvokeAsync([.. reprice, "--dry-run"]);
        Assert.True(dry.ExitCode == 0, dry.Error);
        using (var json = JsonDocument.Parse(dry.Json))
        {
            Assert.Equal(3, json.RootElement.GetProperty("changed").GetInt64());
            Assert.True(json.RootElement.GetProperty("dry_run").GetBoolean());
        }

        Assert.Equal(3, await UnpricedAsync(store));

        var run = await CliRun.InvokeAsync(reprice);
        Assert.True(run.ExitCode == 0, run.Error);
        using (var json = JsonDocument.Parse(run.Json))
        {
            var root = json.RootElement;
            Assert.Equal(5, root.GetProperty("examined").GetInt64());
            Assert.Equal(3, root.GetProperty("changed").GetInt64());
            Assert.Equal(0, root.GetProperty("still_unpriced").GetInt64());
            Assert.Equal(builtInNanos, root.GetProperty("cost_before_nano_usd").GetInt64());
            Assert.Equal(expectedNanos, root.GetProperty("cost_after_nano_usd").GetInt64());
            Assert.Equal(NanoUsd.ToUsd(expectedNanos - builtInNanos), root.GetProperty("cost_change_usd").GetDecimal());
        }

        var report = await CliRun.InvokeAsync("report", "--store", store.Spec, "--project", "shop", "--since", "2026-11-01", "--until", "2026-11-20", "--json");
        Assert.Equal(0, report.ExitCode);
        using (var json = JsonDocument.Parse(report.Json))
        {
            Assert.Equal(NanoUsd.ToUsd(expectedNanos), json.RootElement.GetProperty("total_cost_usd").GetDecimal());
            Assert.Equal(0, json.RootElement.GetProperty("unpriced_events").GetInt64());
        }

        var again = await CliRun.InvokeAsync(reprice[..^1]);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Changed 0 of 5 events", again.Human, StringComparison.Ordinal);
        Assert.Contains("0 still unpriced", again.Human, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provider_model_and_project_filters_narrow_it()
    {
        using var store = new TempStore();
        var pricingPath = Path.Combine(store.Folder, "prices.json");
        await SeedAsync(store);
        await File.WriteAllTextAsync(pricingPath, PricingJson, TestContext.Current.CancellationToken);

        var run = await CliRun.InvokeAsync(
            "prices", "reprice", "--store", store.Spec, "--pricing-config", pricingPath, "--project", "shop", "--from", "2026-11-01", "--to", "2026-11-20",
            "--provider", "openai", "--model", "gpt-4o-mini-2024-07-18", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Json);
        Assert.Equal(2, json.RootElement.GetProperty("examined").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("changed").GetInt64());
        Assert.Equal(3, await UnpricedAsync(store));
    }

    [Theory]
    [InlineData("--from", "2026-11-20", "--to", "2026-11-01")]
    [InlineData("--from", "2024-01-01", "--to", "2026-11-01")]
    [InlineData("--from", "yesterday-ish", "--to", "2026-11-01")]
    [InlineData("--from", "2026-11-01", "--project", "nope")]
    public async Task Bad_ranges_and_unknown_projects_are_usage_errors(params string[] options)
    {
        using var store = new TempStore();
        await SeedAsync(store);

        var run = await CliRun.InvokeAsync(["prices", "reprice", "--store", store.Spec, .. options]);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }

    /// <summary>Two priced OpenAI calls and three calls of a model with no built-in price, stored at built-in prices.</summary>
    private static async Task<List<UsageEvent>> SeedAsync(TempStore store)
    {
        var calculator = new CostCalculator(PriceCatalog.BuiltIn);
        var events = new List<UsageEvent>
        {
            Event("openai", "gpt-4o-mini-2024-07-18", 1_200, 300, 1_000, 0),
            Event("openai", "gpt-4o-mini-2024-07-18", 900, 100, 0, 1),
            Event("acme-ai", "acme-llm-7b", 10_000, 2_000, 4_000, 2),
            Event("acme-ai", "acme-llm-7b", 333, 77, 0, 3),
            Event("acme-ai", "acme-llm-7b", 1_000_001, 3, 7, 4),
        };
        await using var opened = SqliteOutlayStore.Open(store.FilePath);
        await opened.InitializeAsync(TestContext.Current.CancellationToken);
        var project = await opened.EnsureProjectAsync("shop", TestContext.Current.CancellationToken);
        await opened.AppendEventsAsync(
            project.Id,
            events.Select(e => new PricedEvent(e, calculator.Calculate(e.Provider, e.Model, e.Usage, e.ServiceTier, e.Timestamp), e.Timestamp)).ToList(),
            TestContext.Current.CancellationToken);
        return events;
    }

    private static async Task<long> UnpricedAsync(TempStore store)
    {
        var report = await CliRun.InvokeAsync("report", "--store", store.Spec, "--project", "shop", "--since", "2026-11-01", "--until", "2026-11-20", "--json");
        Assert.Equal(0, report.ExitCode);
        using var json = JsonDocument.Parse(report.Json);
        return json.RootElement.GetProperty("unpriced_events").GetInt64();
    }

    private static UsageEvent Event(string provider, string model, long input, long output, long cacheRead, int minutes) => new()
    {
        Id = Guid.NewGuid(),
        Timestamp = At.AddMinutes(minutes * 7),
        Provider = provider,
        Model = model,
        Usage = new TokenUsage(input, output, cacheRead),
    };
}
