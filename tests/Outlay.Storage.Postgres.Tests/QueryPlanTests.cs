using Npgsql;
using Outlay.Core.Querying;

namespace Outlay.Storage.Postgres.Tests;

/// <summary>
/// PostgreSQL-only: the spend, dimension and price-usage statements can be answered by a range scan of their rollup's
/// primary key. Sequential scans are disabled for the EXPLAIN, so a statement no index can serve shows "Seq Scan"
/// (at a prohibitive cost) and the test fails; the plans themselves are written to the test output.
/// </summary>
public sealed class QueryPlanTests
{
    private static readonly DateTimeOffset Now = RandomEvents.Start.AddHours(RandomEvents.Hours + 5);

    public static TheoryData<string?, string?, string?, string> Queries() => new()
    {
        { "model", "day", "environment:prod", "rollups_hourly_pkey" },
        { "tag.customer", "hour", null, "rollups_dim_hourly_pkey" },
        { "model", "day", null, "rollups_dim_daily_pkey" },
        { null, null, null, "rollups_dim_daily_pkey" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Spend_queries_read_their_rollup_by_primary_key(string? groupBy, string? interval, string? filter, string index)
    {
        await using var temp = await TempDatabase.CreateAsync();
        var project = await PopulateAsync(temp);
        var query = SpendQueryParser.Parse("2026-11-19", null, groupBy, interval, filter is null ? null : [filter], Now);

        await using var connection = new NpgsqlConnection(temp.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand { Connection = connection };
        if (PostgresDimensionSpendQuerySql.CanAnswer(query))
        {
            PostgresDimensionSpendQuerySql.Build(command, project, query);
        }
        else
        {
            PostgresSpendQuerySql.Build(command, project, query);
        }

        var plan = await ExplainAsync(connection, command);

        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Price_usage_and_budget_lists_use_their_indexes()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var project = await PopulateAsync(temp);
        await using var connection = new NpgsqlConnection(temp.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        await using var prices = new NpgsqlCommand(
            "SELECT provider, model, price_id, SUM(cost_nano)::bigint FROM price_usage_hourly WHERE project_id = @project AND hour >= 0 AND hour < 2000000000 GROUP BY 1, 2, 3;",
            connection);
        prices.Parameters.AddWithValue("project", project);
        Assert.Contains("price_usage_hourly_pkey", await ExplainAsync(connection, prices), StringComparison.Ordinal);

        await using var budgets = new NpgsqlCommand("SELECT id FROM budgets WHERE project_id = @project ORDER BY created_ms, id;", connection);
        budgets.Parameters.AddWithValue("project", project);
        Assert.Contains("budgets_by_project", await ExplainAsync(connection, budgets), StringComparison.Ordinal);

        await using var alerts = new NpgsqlCommand("SELECT budget_id FROM budget_alerts WHERE project_id = @project ORDER BY fired_ms DESC, seq DESC LIMIT 100;", connection);
        alerts.Parameters.AddWithValue("project", project);
        Assert.Contains("budget_alerts_by_project", await ExplainAsync(connection, alerts), StringComparison.Ordinal);
    }

    private static async Task<string> PopulateAsync(TempDatabase temp)
    {
        var ct = TestContext.Current.CancellationToken;
        var project = (await temp.Store.EnsureProjectAsync("plans", ct)).Id;
        var other = (await temp.Store.EnsureProjectAsync("other", ct)).Id;
        await temp.Store.AppendEventsAsync(project, RandomEvents.Generate(seed: 1, count: 3_000), ct);
        await temp.Store.AppendEventsAsync(other, RandomEvents.Generate(seed: 2, count: 3_000), ct);
        await using var connection = new NpgsqlConnection(temp.ConnectionString);
        await connection.OpenAsync(ct);
        await using var analyze = new NpgsqlCommand("ANALYZE;", connection);
        await analyze.ExecuteNonQueryAsync(ct);
        return project;
    }

    private static async Task<string> ExplainAsync(NpgsqlConnection connection, NpgsqlCommand command)
    {
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off;", connection))
        {
            await off.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        command.CommandText = "EXPLAIN " + command.CommandText;
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                lines.Add(reader.GetString(0));
            }
        }

        var plan = string.Join('\n', lines);
        TestContext.Current.TestOutputHelper?.WriteLine(plan);
        return plan;
    }
}
