using Microsoft.Data.Sqlite;
using Outlay.Core.Querying;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>A file written at schema version 1 is migrated in place by the current code and keeps its data.</summary>
public sealed class MigrationTests
{
    private const string DimensionRowsSql = """
        SELECT project_id || '|' || dimension || '|' || hour || '|' || value || '|' || cost_nano || '|' || events || '|' ||
            unpriced_events || '|' || input_tokens || '|' || output_tokens || '|' || cache_read_tokens || '|' ||
            cache_write_tokens || '|' || cache_write_1h_tokens || '|' || reasoning_tokens
        FROM rollups_dim_hourly ORDER BY project_id, dimension, hour, value;
        """;

    private const string DailyRowsSql = """
        SELECT project_id || '|' || dimension || '|' || day || '|' || value || '|' || cost_nano || '|' || events || '|' ||
            unpriced_events || '|' || input_tokens || '|' || output_tokens || '|' || cache_read_tokens || '|' ||
            cache_write_tokens || '|' || cache_write_1h_tokens || '|' || reasoning_tokens
        FROM rollups_dim_daily ORDER BY project_id, dimension, day, value;
        """;

    private const string PriceRowsSql = """
        SELECT project_id || '|' || hour || '|' || provider || '|' || model || '|' || price_id || '|' || cost_nano || '|' ||
            events || '|' || unpriced_events || '|' || input_tokens || '|' || output_tokens || '|' || cache_read_tokens || '|' ||
            cache_write_tokens || '|' || cache_write_1h_tokens || '|' || reasoning_tokens
        FROM price_usage_hourly ORDER BY project_id, hour, provider, model, price_id;
        """;

    [Fact]
    public async Task A_version_1_file_is_migrated_and_backfilled_exactly_as_appends_maintain_the_new_tables()
    {
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("random");
        var other = await temp.ProjectAsync("other");
        var events = await RandomHistory.AppendAsync(temp.Store, project, seed: 21, count: 1_200);
        await RandomHistory.AppendAsync(temp.Store, other, seed: 22, count: 300);
        var maintainedDimensions = await RowsAsync(temp, DimensionRowsSql);
        var maintainedPrices = await RowsAsync(temp, PriceRowsSql);
        var maintainedDays = await RowsAsync(temp, DailyRowsSql);

        // Turn the file back into exactly what version 1 wrote: its tables, its data, its recorded version.
        await temp.ReopenAsync(() => ExecuteAsync(temp, """
            DROP TABLE rollups_dim_daily;
            DROP TABLE rollups_dim_hourly;
            DROP TABLE price_usage_hourly;
            DROP TABLE dashboard_sessions;
            DROP TABLE budgets;
            DROP TABLE budget_alerts;
            DROP TABLE alert_channels;
            DROP TABLE alert_deliveries;
            DELETE FROM schema_version WHERE version > 1;
            """));

        Assert.Equal(SqliteMigrations.LatestVersion, await temp.ScalarAsync("SELECT MAX(version) FROM schema_version;"));
        Assert.Equal(events.Count, await temp.ScalarAsync($"SELECT COUNT(*) FROM events WHERE project_id = '{project}';"));
        Assert.True(maintainedDimensions.Count > 1_000);
        Assert.Equal(maintainedDimensions, await RowsAsync(temp, DimensionRowsSql));
        Assert.Equal(maintainedPrices, await RowsAsync(temp, PriceRowsSql));
        Assert.Equal(maintainedDays, await RowsAsync(temp, DailyRowsSql));
        var query = SpendQueryParser.Parse("2026-11-19", null, "tag.customer", "day", null, RandomEvents.Start.AddDays(5));
        SpendAssert.Equal(ExpectedSpend.Compute(events, query), await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken), query);
    }

    [Fact]
    public async Task An_empty_version_1_file_migrates_and_accepts_sessions()
    {
        await using var temp = await TempStore.CreateAsync();
        await temp.ReopenAsync(() => ExecuteAsync(temp, """
            DROP TABLE rollups_dim_daily;
            DROP TABLE rollups_dim_hourly;
            DROP TABLE price_usage_hourly;
            DROP TABLE dashboard_sessions;
            DROP TABLE budgets;
            DROP TABLE budget_alerts;
            DROP TABLE alert_channels;
            DROP TABLE alert_deliveries;
            DELETE FROM schema_version WHERE version > 1;
            """));
        var project = await temp.ProjectAsync("app");

        await temp.Store.AddDashboardSessionAsync(
            new Outlay.Core.Storage.DashboardSessionRecord("s", new byte[32], project, "k", Outlay.Core.Keys.ApiKeyKind.Read, TestEvents.Hour10, TestEvents.Hour10.AddHours(1)),
            TestContext.Current.CancellationToken);

        Assert.Equal(0L, await temp.ScalarAsync("SELECT COUNT(*) FROM rollups_dim_hourly;"));
        Assert.NotNull(await temp.Store.FindDashboardSessionAsync("s", TestContext.Current.CancellationToken));
    }

    private static async Task ExecuteAsync(TempStore temp, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={temp.Path};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<List<string>> RowsAsync(TempStore temp, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={temp.Path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
