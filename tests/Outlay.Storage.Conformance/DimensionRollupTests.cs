using Outlay.Core.Querying;

namespace Outlay.Storage.Conformance;

/// <summary>
/// The single-dimension rollup must answer exactly as the full rollup does (same rows, order and sums, including the
/// "(tag absent)" group and unpriced counts), and both as a direct sum over the raw events.
/// </summary>
public abstract class DimensionRollupTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Now = RandomEvents.Start.AddHours(RandomEvents.Hours + 5);

    private static readonly string?[] Dimensions =
        [null, .. SpendDimension.Columns, "tag.feature", "tag.customer", "tag.team.name", "tag.never-sent"];

    private static readonly string?[] Intervals = [null, "hour", "day"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_single_dimension_query_answers_as_the_full_rollup_and_the_raw_events(int seed)
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("random");
        var other = await temp.ProjectAsync("other");
        var events = await RandomHistory.AppendAsync(temp.Store, project, seed, 1_500);
        await RandomHistory.AppendAsync(temp.Store, other, seed + 100, 300);

        // Whole days plus a tail of hours; hours only; a head of hours, one whole day and a tail.
        (string From, string? To)[] ranges =
            [("2026-11-19", null), ("2026-11-20T05:30:00Z", "2026-11-21T17:15:00Z"), ("2026-11-20T05:30:00Z", "2026-11-22T17:15:00Z")];
        var compared = 0;
        foreach (var (from, to) in ranges)
        {
            foreach (var groupBy in Dimensions)
            {
                foreach (var interval in Intervals)
                {
                    var query = SpendQueryParser.Parse(from, to, groupBy, interval, null, Now);
                    var fast = await QueryAsync(temp, project, query, dimensionRollups: true);
                    var full = await QueryAsync(temp, project, query, dimensionRollups: false);

                    SpendAssert.Equal(full, fast, query);
                    SpendAssert.Equal(ExpectedSpend.Compute(events, query), fast, query);
                    compared += fast.Rows.Count;
                }
            }
        }

        Assert.True(compared > 1_000, $"Only {compared} rows were compared.");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Queries_filtered_on_their_one_dimension_answer_as_the_full_rollup_and_the_raw_events(int seed)
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("random");
        var other = await temp.ProjectAsync("other");
        var events = await RandomHistory.AppendAsync(temp.Store, project, seed, 1_500);
        await RandomHistory.AppendAsync(temp.Store, other, seed + 100, 300);

        // Columns some events leave unset, tags some events lack, a tag no event has, values no event has, two filters
        // on one dimension (they intersect), with and without grouping by it, over each interval and range shape.
        (string Dimension, string[] Filters)[] cases =
        [
            ("environment", ["environment:prod"]),
            ("environment", ["environment:staging|nothing"]),
            ("service", ["service:checkout|search", "service:search|nothing"]),
            ("model", ["model:no-such-model"]),
            ("tag.feature", ["tag.feature:chat|summarize"]),
            ("tag.customer", ["tag.customer:acme|ünïcödé"]),
            ("tag.customer", ["tag.customer:acme|globex", "tag.customer:globex"]),
            ("tag.never-sent", ["tag.never-sent:x"]),
        ];
        (string From, string? To)[] ranges = [("2026-11-19", null), ("2026-11-20T05:30:00Z", "2026-11-22T17:15:00Z")];
        var compared = 0;
        foreach (var (dimension, filters) in cases)
        {
            foreach (var groupBy in new[] { null, dimension })
            {
                foreach (var interval in Intervals)
                {
                    foreach (var (from, to) in ranges)
                    {
                        var query = SpendQueryParser.Parse(from, to, groupBy, interval, filters, Now);
                        var fast = await QueryAsync(temp, project, query, dimensionRollups: true);
                        var full = await QueryAsync(temp, project, query, dimensionRollups: false);

                        SpendAssert.Equal(full, fast, query);
                        SpendAssert.Equal(ExpectedSpend.Compute(events, query), fast, query);
                        compared += fast.Rows.Count;
                    }
                }
            }
        }

        Assert.True(compared > 300, $"Only {compared} rows were compared.");
    }

    [Fact]
    public async Task A_tag_group_includes_empty_values_and_the_absent_group_only_when_events_lack_the_tag()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [
            TestEvents.Create(TestEvents.Hour10, costNano: 100, tags: new Dictionary<string, string> { ["feature"] = "chat" }),
            TestEvents.Create(TestEvents.Hour10, costNano: 200, tags: new Dictionary<string, string> { ["feature"] = "" }),
            TestEvents.Create(TestEvents.Hour10.AddHours(1), costNano: 400),
            TestEvents.Create(TestEvents.Hour10.AddHours(1), costNano: null),
            TestEvents.Create(TestEvents.Hour10.AddHours(2), costNano: 800, tags: new Dictionary<string, string> { ["feature"] = "chat" }),
        ]);

        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-24", "tag.feature", "hour", null, TestEvents.Hour10.AddDays(1));
        var fast = await QueryAsync(temp, project, query, dimensionRollups: true);

        Assert.Equal(
            ["tag.feature=chat bucket=2026-11-23T12:00:00.0000000+00:00 cost=800 events=1 in=100 out=10 cr=0 cw=0 rs=0 unpriced=0",
            "tag.feature=<null> bucket=2026-11-23T11:00:00.0000000+00:00 cost=400 events=2 in=200 out=20 cr=0 cw=0 rs=0 unpriced=1",
            "tag.feature= bucket=2026-11-23T10:00:00.0000000+00:00 cost=200 events=1 in=100 out=10 cr=0 cw=0 rs=0 unpriced=0",
            "tag.feature=chat bucket=2026-11-23T10:00:00.0000000+00:00 cost=100 events=1 in=100 out=10 cr=0 cw=0 rs=0 unpriced=0"],
            fast.Rows.Select(r => SpendAssert.Describe(r, query)));
        SpendAssert.Equal(await QueryAsync(temp, project, query, dimensionRollups: false), fast, query);
    }

    [Fact]
    public async Task Replaced_events_leave_no_empty_rows_behind()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("random");
        await RandomHistory.AppendAsync(temp.Store, project, seed: 11, count: 800);

        Assert.Equal(0L, await temp.ScalarAsync("SELECT COUNT(*) FROM rollups_dim_hourly WHERE events = 0;"));
        Assert.Equal(0L, await temp.ScalarAsync("SELECT COUNT(*) FROM price_usage_hourly WHERE events = 0;"));
        Assert.Equal(
            await temp.ScalarAsync("SELECT COUNT(*) FROM events;"),
            await temp.ScalarAsync("SELECT SUM(events) FROM rollups_dim_hourly WHERE dimension = 'model';"));
    }

    private static async Task<SpendResult> QueryAsync(ConformanceStore temp, string project, SpendQuery query, bool dimensionRollups)
    {
        temp.UseDimensionRollups = dimensionRollups;
        try
        {
            return await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken);
        }
        finally
        {
            temp.UseDimensionRollups = true;
        }
    }
}
