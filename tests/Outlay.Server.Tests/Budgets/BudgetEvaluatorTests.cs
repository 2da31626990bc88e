using Outlay.Core.Budgets;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Storage.Sqlite;

namespace Outlay.Server.Tests.Budgets;

/// <summary>
/// Budget evaluation against a real SQLite store at a fixed instant: exactly the events in scope and in the local
/// period count, duplicates never twice, and the forecast follows the documented arithmetic.
/// </summary>
public sealed class BudgetEvaluatorTests : IAsyncLifetime
{
    // Friday 20 March 2026, 13:00 in Berlin.
    private static readonly DateTimeOffset Now = new(2026, 3, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outlay-budget-tests", Guid.NewGuid().ToString("N"));
    private SqliteOutlayStore _store = null!;
    private string _project = null!;

    public async ValueTask InitializeAsync()
    {
        _store = SqliteOutlayStore.Open(Path.Combine(_directory, "outlay.db"));
        await _store.InitializeAsync(TestContext.Current.CancellationToken);
        _project = (await _store.EnsureProjectAsync("budgets", TestContext.Current.CancellationToken)).Id;
        var duplicate = Guid.NewGuid();
        await AppendAsync(
            // In scope and in Berlin's March (00:30 on 1 March local time).
            Event("2026-02-28T23:30:00Z", 3_000_000),
            Event("2026-03-10T10:00:00Z", 2_000_000, id: duplicate),
            Event("2026-03-20T11:59:00Z", 1_000_001),
            Event("2026-03-11T10:00:00Z", null),

            // Out: still February in Berlin, other environment, other customer, after now.
            Event("2026-02-28T22:30:00Z", 5_000_000),
            Event("2026-03-10T10:00:00Z", 7_000_000, environment: "staging"),
            Event("2026-03-10T10:00:00Z", 7_000_000, customer: "globex"),
            Event("2026-03-20T12:30:00Z", 9_000_000));

        // A retried batch: the same id again, even with another cost, is a duplicate.
        await AppendAsync(Event("2026-03-10T10:00:00Z", 2_000_000, id: duplicate), Event("2026-03-10T10:00:00Z", 4_000_000, id: duplicate));
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_monthly_berlin_budget_counts_exactly_its_scope_and_local_month()
    {
        var budget = Budget("month", "Europe/Berlin", null, "0.01");

        var evaluation = await BudgetEvaluator.EvaluateAsync(_store, budget, Now, TestContext.Current.CancellationToken);

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero), evaluation.Period.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero), evaluation.Period.End);
        Assert.Equal(6_000_001L, evaluation.SpentNanoUsd);
        Assert.Equal(1L, evaluation.UnpricedEvents);
        Assert.Equal(60.00m, evaluation.Percentage);
        Assert.Equal(BudgetState.Warning, evaluation.State);
        Assert.Equal([50], evaluation.ThresholdsCrossed);

        // Spent + the last 168 hours' 1,000,001 nano-dollars ÷ 168 × the 274 hours left.
        Assert.NotNull(evaluation.Forecast);
        Assert.Equal(168m, evaluation.Forecast.BasisHours);
        Assert.Equal(274m, evaluation.Forecast.RemainingHours);
        Assert.Equal(7_630_955L, evaluation.Forecast.ProjectedNanoUsd);
        Assert.Equal(76.31m, evaluation.ForecastPercentage);
        Assert.StartsWith("Month-to-date $0.006000001", evaluation.ForecastExplanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_budget_in_utc_leaves_out_the_first_berlin_hour_and_is_exceeded_at_the_exact_amount()
    {
        var budget = Budget("month", "UTC", null, "0.003000001");

        var evaluation = await BudgetEvaluator.EvaluateAsync(_store, budget, Now, TestContext.Current.CancellationToken);

        Assert.Equal(3_000_001L, evaluation.SpentNanoUsd);
        Assert.Equal(100.00m, evaluation.Percentage);
        Assert.Equal(BudgetState.Exceeded, evaluation.State);
        Assert.Equal([50, 80, 100], evaluation.ThresholdsCrossed);
    }

    [Fact]
    public async Task A_rolling_window_counts_the_last_whole_hours_and_projects_its_current_rate()
    {
        var budget = Budget(null, null, "24h", "0.01");

        var evaluation = await BudgetEvaluator.EvaluateAsync(_store, budget, Now, TestContext.Current.CancellationToken);

        Assert.Equal(Now.AddHours(-24), evaluation.Period.Start);
        Assert.Equal(Now, evaluation.Period.End);
        Assert.Equal(1_000_001L, evaluation.SpentNanoUsd);
        Assert.Equal(BudgetState.Ok, evaluation.State);
        Assert.Empty(evaluation.ThresholdsCrossed);
        Assert.NotNull(evaluation.Forecast);
        Assert.Equal(1_000_001L, evaluation.Forecast.ProjectedNanoUsd);
        Assert.Contains("Rolling 24-hour window", evaluation.ForecastExplanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_status_evaluation_reads_the_same_spend_without_a_forecast()
    {
        var budget = Budget("month", "Europe/Berlin", null, "0.01");

        var evaluation = await BudgetEvaluator.EvaluateAsync(_store, budget, Now, includeForecast: false, ct: TestContext.Current.CancellationToken);

        Assert.Equal(6_000_001L, evaluation.SpentNanoUsd);
        Assert.Equal(BudgetState.Warning, evaluation.State);
        Assert.Null(evaluation.Forecast);
    }

    [Fact]
    public async Task A_scope_with_no_spend_has_no_forecast_and_says_why()
    {
        var budget = BudgetParser.Parse(new BudgetDraft("none", "1", "week", "UTC", null, ["model:none-such"], null), "b", _project, Now);

        var evaluation = await BudgetEvaluator.EvaluateAsync(_store, budget, Now, TestContext.Current.CancellationToken);

        Assert.Equal(0L, evaluation.SpentNanoUsd);
        Assert.Equal(BudgetState.Ok, evaluation.State);
        Assert.Null(evaluation.Forecast);
        Assert.Null(evaluation.ForecastPercentage);
        Assert.Contains("no rate", evaluation.ForecastExplanation, StringComparison.Ordinal);
    }

    private BudgetDefinition Budget(string? period, string? zone, string? rolling, string amount) =>
        BudgetParser.Parse(
            new BudgetDraft("Acme prod", amount, period, zone, rolling, ["environment:prod", "tag.customer:acme"], null),
            "b-" + Guid.NewGuid().ToString("N"),
            _project,
            Now);

    private async Task AppendAsync(params PricedEvent[] events) =>
        await _store.AppendEventsAsync(_project, events, TestContext.Current.CancellationToken);

    private static PricedEvent Event(string at, long? costNano, Guid? id = null, string environment = "prod", string customer = "acme")
    {
        var timestamp = DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
        var usage = new UsageEvent
        {
            Id = id ?? Guid.NewGuid(),
            Timestamp = timestamp,
            Provider = "openai",
            Model = "gpt-4o",
            Usage = new TokenUsage(100, 10),
            Environment = environment,
            Tags = new Dictionary<string, string> { ["customer"] = customer },
        };
        var cost = costNano is { } nano
            ? new CostResult(true, nano, new Dictionary<string, long>(), "openai/gpt-4o", "gpt-4o")
            : CostResult.Unpriced;
        return new PricedEvent(usage, cost, timestamp.AddSeconds(1));
    }
}
