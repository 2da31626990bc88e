using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task No_column_could_hold_message_content()
    {
        await using var temp = await TempStore.CreateAsync();
        var columns = await QueryStringsAsync(
            temp,
            "SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table';");

        Assert.Contains("events.tags_json", columns);
        string[] forbidden = ["content", "prompt", "message", "body", "text", "completion", "response", "api_key"];
        var columnNames = columns.Select(c => c[(c.IndexOf('.', StringComparison.Ordinal) + 1)..]).ToList();
        Assert.DoesNotContain(columnNames, c => forbidden.Any(f => c.Contains(f, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task The_file_is_in_wal_mode()
    {
        await using var temp = await TempStore.CreateAsync();

        Assert.Equal(["wal"], await QueryStringsAsync(temp, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Rollup_primary_key_is_project_hour_and_key_id()
    {
        await using var temp = await TempStore.CreateAsync();

        var keyColumns = await QueryStringsAsync(temp, "SELECT name FROM pragma_table_info('rollups_hourly') WHERE pk > 0 ORDER BY pk;");

        Assert.Equal(["project_id", "hour", "key_id"], keyColumns);
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("model,tag.feature", "day", "provider:openai")]
    [InlineData("tag.feature,model", null, "environment:prod")]
    [InlineData(null, "hour", "tag.feature:chat")]
    public async Task Spend_queries_range_scan_the_rollup_primary_key(string? groupBy, string? interval, string? filter)
    {
        await using var temp = await TempStore.CreateAsync();
        var query = Outlay.Core.Querying.SpendQueryParser.Parse(
            null, null, groupBy, interval, filter is null ? null : [filter], TestEvents.Hour10);
        await using var connection = new SqliteConnection($"Data Source={temp.Path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        SpendQuerySql.Build(command, "p1", query);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.StartsWith("SEARCH rollups_hourly USING PRIMARY KEY (project_id=? AND hour>? AND hour<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN rollups_hourly", StringComparison.Ordinal));

        // Keys are found by id or through their unique index by project, never scanned once per rollup row.
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN rollup_keys", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("model", "day")]
    [InlineData("tag.customer", null)]
    public async Task Single_dimension_queries_range_scan_their_dimension_only(string? groupBy, string? interval)
    {
        await using var temp = await TempStore.CreateAsync();
        var query = Outlay.Core.Querying.SpendQueryParser.Parse(null, null, groupBy, interval, null, TestEvents.Hour10);
        await using var connection = new SqliteConnection($"Data Source={temp.Path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        DimensionSpendQuerySql.Build(command, "p1", query);
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.StartsWith("SEARCH rollups_dim_hourly USING PRIMARY KEY (project_id=? AND dimension=? AND hour>? AND hour<?)", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.StartsWith("SEARCH rollups_dim_daily USING PRIMARY KEY (project_id=? AND dimension=? AND day>? AND day<?)", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN rollups_dim", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains("rollups_hourly", StringComparison.Ordinal));
    }

    private static async Task<List<string>> QueryStringsAsync(TempStore temp, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={temp.Path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
