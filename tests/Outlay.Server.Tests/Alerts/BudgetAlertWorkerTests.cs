using Microsoft.Extensions.Logging;
using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Server.Alerts;
using Outlay.Server.Tests.Support;
using Outlay.Storage.Sqlite;

namespace Outlay.Server.Tests.Alerts;

/// <summary>
/// The alert worker against real SQLite files at fixed instants: each alert fires once per period, across repeated
/// runs, restarts and two stores (processes) on one file, and again in the next period.
/// </summary>
public sealed class BudgetAlertWorkerTests : IAsyncLifetime
{
    private const long Dollar = 1_000_000_000L;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outlay-alert-tests", Guid.NewGuid().ToString("N"));
    private readonly CapturedLogs _logs = new();
    private readonly ILoggerFactory _loggers;
    private SqliteOutlayStore _store = null!;
    private string _project = null!;

    public BudgetAlertWorkerTests() => _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));

    private string StorePath => Path.Combine(_directory, "outlay.db");

    public async ValueTask InitializeAsync()
    {
        _store = SqliteOutlayStore.Open(StorePath);
        await _store.InitializeAsync(TestContext.Current.CancellationToken);
        _project = (await _store.EnsureProjectAsync("alerts", TestContext.Current.CancellationToken)).Id;

        // $10 a month, thresholds 50/80/100; $8.50 spent since yesterday, so 50 and 80 are reached and the pace
        // (8.50 over the 26 hours of history, a day or more as a forecast alert needs, for the 8 days left) projects well past $10.
        await _store.AddBudgetAsync(BudgetParser.Parse(new BudgetDraft("Prod", "10", "month", "UTC", null, null, null), "b-1", _project, Now.AddDays(-30)), TestContext.Current.CancellationToken);
        await AppendAsync(_store, Event(Now.AddHours(-26), 8 * Dollar), Event(Now.AddHours(-1), Dollar / 2));
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        _loggers.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_second_run_and_a_restart_fire_nothing_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await Worker(_store).RunOnceAsync(Now, ct);
        var second = await Worker(_store).RunOnceAsync(Now.AddMinutes(1), ct);
        await _store.DisposeAsync();
        _store = SqliteOutlayStore.Open(StorePath);
        await _store.InitializeAsync(ct);
        var afterRestart = await Worker(_store).RunOnceAsync(Now.AddMinutes(2), ct);

        Assert.Equal(["threshold 50", "threshold 80", "forecast 100"], first.Select(a => $"{a.KindName} {a.Threshold}"));
        Assert.Empty(second);
        Assert.Empty(afterRestart);
        Assert.Equal(3, (await _store.ListBudgetAlertsAsync(_project, 100, ct)).Count);
        Assert.Equal("85.00", first[0].PercentText);
        Assert.Equal(3, _logs.Lines.Count(l => l.Contains("Budget alert fired", StringComparison.Ordinal)));
        Assert.Contains(_logs.Lines, l => l.Contains("threshold 80% of budget Prod (b-1)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_stores_on_one_file_running_at_once_fire_each_alert_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var other = SqliteOutlayStore.Open(StorePath);
        await other.InitializeAsync(ct);
        var workers = new[] { Worker(_store), Worker(other), Worker(_store), Worker(other) };

        var runs = await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunOnceAsync(Now, ct), ct)));

        var fired = runs.SelectMany(r => r).Select(a => $"{a.KindName} {a.Threshold}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["forecast 100", "threshold 50", "threshold 80"], fired);
        Assert.Equal(3, (await other.ListBudgetAlertsAsync(_project, 100, ct)).Count);
    }

    [Fact]
    public async Task The_next_period_fires_again_and_a_newly_reached_threshold_fires_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        await Worker(_store).RunOnceAsync(Now, ct);
        await AppendAsync(_store, Event(Now.AddHours(1), 2 * Dollar));
        var reached100 = await Worker(_store).RunOnceAsync(Now.AddHours(2), ct);
        var december = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        await AppendAsync(_store, Event(december.AddHours(-1), 6 * Dollar));
        var nextMonth = await Worker(_store).RunOnceAsync(december, ct);

        Assert.Equal(["threshold 100"], reached100.Select(a => $"{a.KindName} {a.Threshold}"));
        Assert.Contains(nextMonth, a => a.Kind == BudgetAlertKind.Threshold && a.Threshold == 50);
        Assert.DoesNotContain(nextMonth, a => a.Kind == BudgetAlertKind.Threshold && a.Threshold == 80);
        Assert.All(nextMonth, a => Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), a.PeriodStart));
        var history = await _store.ListBudgetAlertsAsync(_project, 100, ct);
        Assert.Equal(4 + nextMonth.Count, history.Count);
        Assert.Equal(december, history[0].FiredAt);
    }

    private BudgetAlertWorker Worker(IOutlayStore store) =>
        new BudgetAlertWorker(store, TimeProvider.System, new OutlayServerOptions(), _loggers.CreateLogger<BudgetAlertWorker>());

    private Task AppendAsync(IOutlayStore store, params PricedEvent[] events) =>
        store.AppendEventsAsync(_project, events, TestContext.Current.CancellationToken);

    private static PricedEvent Event(DateTimeOffset at, long costNano)
    {
        var usage = new UsageEvent
        {
            Id = Guid.NewGuid(),
            Timestamp = at,
            Provider = "openai",
            Model = "gpt-4o",
            Usage = new TokenUsage(100, 10),
        };
        return new PricedEvent(usage, new CostResult(true, costNano, new Dictionary<string, long>(), "openai/gpt-4o", "gpt-4o"), at.AddSeconds(1));
    }
}
