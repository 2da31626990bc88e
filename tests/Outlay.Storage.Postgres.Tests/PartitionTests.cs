using Outlay.Core.Querying;

namespace Outlay.Storage.Postgres.Tests;

/// <summary>PostgreSQL-only: events land in monthly partitions created on demand; idempotency holds across months.</summary>
public sealed class PartitionTests
{
    private static readonly DateTimeOffset October = new(2026, 10, 31, 23, 59, 59, TimeSpan.Zero);
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset January = new(2027, 1, 15, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_month_gets_its_own_partition_created_on_first_insert()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var project = (await temp.Store.EnsureProjectAsync("app", TestContext.Current.CancellationToken)).Id;

        Assert.Equal(0L, await temp.ScalarAsync("SELECT COUNT(*) FROM pg_inherits WHERE inhparent = 'events'::regclass;"));
        await temp.Store.AppendEventsAsync(project, [
            TestEvents.Create(October, costNano: 1),
            TestEvents.Create(November, costNano: 2),
            TestEvents.Create(January, costNano: 4),
        ], TestContext.Current.CancellationToken);

        Assert.Equal(
            ["events_2026_10 | 1", "events_2026_11 | 1", "events_2027_01 | 1"],
            await temp.RowsAsync("SELECT tableoid::regclass::text, COUNT(*) FROM events GROUP BY 1 ORDER BY 1;"));
        var query = SpendQueryParser.Parse("2026-10-01", "2027-02-01", null, "day", null, January.AddDays(1));
        var spend = await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken);
        Assert.Equal(7, spend.TotalCostNanoUsd);
    }

    [Fact]
    public async Task An_id_seen_in_one_month_is_a_duplicate_when_resent_with_another_months_time()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var project = (await temp.Store.EnsureProjectAsync("app", TestContext.Current.CancellationToken)).Id;
        var id = Guid.NewGuid();

        var first = await temp.Store.AppendEventsAsync(project, [TestEvents.Create(October, costNano: 10, id: id)], TestContext.Current.CancellationToken);
        var again = await temp.Store.AppendEventsAsync(project, [TestEvents.Create(January, costNano: 99, id: id)], TestContext.Current.CancellationToken);

        Assert.Equal((1, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((0, 1), (again.Accepted, again.Duplicates));
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM event_ids;"));
    }

    [Fact]
    public async Task A_richer_copy_in_another_month_moves_the_event_to_that_months_partition()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var project = (await temp.Store.EnsureProjectAsync("app", TestContext.Current.CancellationToken)).Id;
        var id = Guid.NewGuid();
        await temp.Store.AppendEventsAsync(project, [TestEvents.Create(October, costNano: 10, id: id, usage: new(100, 10))], TestContext.Current.CancellationToken);

        await temp.Store.AppendEventsAsync(
            project,
            [TestEvents.Create(November, costNano: 20, id: id, usage: new(100, 20))],
            Outlay.Core.Storage.DuplicatePolicy.KeepRicher,
            TestContext.Current.CancellationToken);

        Assert.Equal(["events_2026_11 | 1"], await temp.RowsAsync("SELECT tableoid::regclass::text, COUNT(*) FROM events GROUP BY 1;"));
        Assert.Equal(
            await temp.ScalarAsync("SELECT EXTRACT(EPOCH FROM occurred_at)::bigint FROM events;"),
            await temp.ScalarAsync("SELECT EXTRACT(EPOCH FROM occurred_at)::bigint FROM event_ids;"));
        var query = SpendQueryParser.Parse("2026-10-01", "2026-12-01", null, "day", null, January);
        var row = Assert.Single((await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken)).Rows);
        Assert.Equal((November, 20L, 1L), (row.Bucket!.Value, row.CostNanoUsd, row.Events));
    }

    [Fact]
    public async Task A_month_dropped_for_retention_is_created_again_when_an_event_of_that_month_arrives()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var project = (await temp.Store.EnsureProjectAsync("app", TestContext.Current.CancellationToken)).Id;
        await temp.Store.AppendEventsAsync(project, [TestEvents.Create(October, costNano: 1), TestEvents.Create(November, costNano: 2)], TestContext.Current.CancellationToken);

        // Retention: the whole month goes at once, its rollups stay (they are the history).
        await using (var connection = new Npgsql.NpgsqlConnection(temp.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = new Npgsql.NpgsqlCommand("DROP TABLE events_2026_10;", connection);
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var late = await temp.Store.AppendEventsAsync(project, [TestEvents.Create(October.AddHours(-1), costNano: 4)], TestContext.Current.CancellationToken);

        Assert.Equal(1, late.Accepted);
        Assert.Equal(
            ["events_2026_10 | 1", "events_2026_11 | 1"],
            await temp.RowsAsync("SELECT tableoid::regclass::text, COUNT(*) FROM events GROUP BY 1 ORDER BY 1;"));
        var query = SpendQueryParser.Parse("2026-10-01", "2026-12-01", null, null, null, January);
        Assert.Equal(7, (await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken)).TotalCostNanoUsd);
    }
}
