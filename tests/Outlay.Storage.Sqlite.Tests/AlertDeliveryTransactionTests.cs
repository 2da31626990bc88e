using Outlay.Core.Alerts;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>SQLite-only (it uses a trigger to make the second insert fail): an alert and its deliveries are one transaction.</summary>
public sealed class AlertDeliveryTransactionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task An_alert_and_its_deliveries_commit_together_or_not_at_all()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("app");
        await temp.Store.AddAlertChannelAsync(Channel("chn_a", project), ct);

        // A trigger makes the delivery insert fail after the alert insert succeeded in the same transaction.
        await temp.ReopenAsync(() => ExecuteAsync(temp, """
            CREATE TRIGGER refuse_deliveries BEFORE INSERT ON alert_deliveries
            BEGIN SELECT RAISE(ABORT, 'refused'); END;
            """));
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => temp.Store.TryRecordBudgetAlertAsync(Alert(project), ct));
        Assert.Equal(0L, await temp.ScalarAsync("SELECT COUNT(*) FROM budget_alerts;"));

        await temp.ReopenAsync(() => ExecuteAsync(temp, "DROP TRIGGER refuse_deliveries;"));
        Assert.True(await temp.Store.TryRecordBudgetAlertAsync(Alert(project), ct));
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM budget_alerts;"));
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM alert_deliveries;"));
    }

    private static AlertChannel Channel(string id, string project) =>
        new(id, project, "ops " + id, AlertChannelKind.Slack, "https://hooks.slack.com/…/…Xy9", [1, 2, 3, (byte)id.Length], Now.AddDays(-1));

    private static BudgetAlert Alert(string project) =>
        new(project, "bud_1", "Prod", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), BudgetAlertKind.Threshold, 80, Now, 8_000_000_000, 10_000_000_000, "80.00");

    private static async Task ExecuteAsync(TempStore temp, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={temp.Path};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
