using Outlay.Core.Alerts;

namespace Outlay.Storage.Conformance;

/// <summary>The <c>budget_alerts</c> table: each (budget, period, kind, threshold) is recorded once, whoever races.</summary>
public abstract class BudgetAlertTableTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset PeriodStart = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Fired = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Eight_concurrent_records_of_one_alert_have_exactly_one_winner()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("checkout");
        var alert = Alert(project, "b-1", BudgetAlertKind.Threshold, 80);

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => temp.Store.TryRecordBudgetAlertAsync(alert with { FiredAt = Fired.AddMilliseconds(i) }, TestContext.Current.CancellationToken))));

        Assert.Single(results, r => r);
        Assert.Single(await temp.Store.ListBudgetAlertsAsync(project, 100, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Two_stores_on_one_database_racing_record_one_row()
    {
        await using var temp = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var project = await temp.ProjectAsync("checkout");
        await using var second = await temp.OpenSecondStoreAsync();
        var alert = Alert(project, "b-1", BudgetAlertKind.Forecast, 100);

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => (i % 2 == 0 ? temp.Store : second).TryRecordBudgetAlertAsync(alert, ct))));

        Assert.Single(results, r => r);
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM budget_alerts;"));
    }

    [Fact]
    public async Task Another_threshold_kind_or_period_is_a_different_alert_and_history_is_per_project_newest_first()
    {
        await using var temp = await CreateStoreAsync();
        var ct = TestContext.Current.CancellationToken;
        var a = await temp.ProjectAsync("project-a");
        var b = await temp.ProjectAsync("project-b");

        Assert.True(await temp.Store.TryRecordBudgetAlertAsync(Alert(a, "b-1", BudgetAlertKind.Threshold, 50), ct));
        Assert.True(await temp.Store.TryRecordBudgetAlertAsync(Alert(a, "b-1", BudgetAlertKind.Threshold, 80) with { FiredAt = Fired.AddMinutes(1) }, ct));
        Assert.True(await temp.Store.TryRecordBudgetAlertAsync(Alert(a, "b-1", BudgetAlertKind.Forecast, 100) with { FiredAt = Fired.AddMinutes(2) }, ct));
        Assert.True(await temp.Store.TryRecordBudgetAlertAsync(Alert(a, "b-1", BudgetAlertKind.Threshold, 50) with { PeriodStart = PeriodStart.AddMonths(1), FiredAt = Fired.AddMinutes(3) }, ct));
        Assert.True(await temp.Store.TryRecordBudgetAlertAsync(Alert(b, "b-2", BudgetAlertKind.Threshold, 50), ct));
        Assert.False(await temp.Store.TryRecordBudgetAlertAsync(Alert(a, "b-1", BudgetAlertKind.Threshold, 80), ct));
        await temp.ReopenAsync();

        var history = await temp.Store.ListBudgetAlertsAsync(a, 100, ct);

        Assert.Equal([3, 2, 1, 0], history.Select(h => (int)(h.FiredAt - Fired).TotalMinutes));
        Assert.All(history, h => Assert.Equal(a, h.ProjectId));
        var first = history[^1];
        Assert.Equal(Alert(a, "b-1", BudgetAlertKind.Threshold, 50), first);
        Assert.Equal(2, (await temp.Store.ListBudgetAlertsAsync(a, 2, ct)).Count);
        Assert.Single(await temp.Store.ListBudgetAlertsAsync(b, 100, ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.ListBudgetAlertsAsync(a, 0, ct));
    }

    private static BudgetAlert Alert(string project, string budgetId, BudgetAlertKind kind, int threshold) =>
        new(project, budgetId, "Prod", PeriodStart, kind, threshold, Fired, 81_250_000_000L, 100_000_000_000L, "81.25");
}
