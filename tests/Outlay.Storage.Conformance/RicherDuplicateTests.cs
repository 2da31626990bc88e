using Outlay.Core.Events;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary><see cref="DuplicatePolicy.KeepRicher"/>: two telemetry spans of one call, the poorer one stored first.</summary>
public abstract class RicherDuplicateTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Now = TestEvents.Hour10.AddDays(1);
    private static readonly TokenUsage Plain = new(4020, 4);
    private static readonly TokenUsage Cached = new(4020, 4, CacheReadTokens: 4012);

    [Fact]
    public async Task A_richer_copy_replaces_the_stored_event_and_moves_its_rollup()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var id = Guid.NewGuid();
        var richer = TestEvents.Create(TestEvents.Hour10.AddMinutes(1), costNano: 1_300, id: id, environment: "prod", usage: Cached);
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10, costNano: 10_100, id: id, usage: Plain)]);

        var result = await AppendRicherAsync(temp, project, [richer]);

        Assert.Equal((0, 1), (result.Accepted, result.Duplicates));
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(4012L, await temp.ScalarAsync("SELECT cache_read_tokens FROM events;"));
        Assert.Equal(1_300L, await temp.ScalarAsync("SELECT cost_nano FROM events;"));
        // The environment differs, so the old rollup row is emptied and deleted, not left at zero.
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM rollups_hourly;"));
        await using var direct = await CreateStoreAsync();
        var directProject = await direct.ProjectAsync("app");
        await direct.AppendAsync(directProject, [richer]);
        var expected = Assert.Single((await QueryAsync(direct, directProject)).Rows);
        var actual = Assert.Single((await QueryAsync(temp, project)).Rows);
        Assert.Equal(expected with { Dimensions = actual.Dimensions }, actual);
        Assert.Equal("prod", actual.Dimensions["environment"]);
        Assert.Equal((1_300L, 1L, 4020L, 4012L), (actual.CostNanoUsd, actual.Events, actual.InputTokens, actual.CacheReadTokens));
    }

    [Fact]
    public async Task A_duplicate_that_is_not_strictly_richer_changes_nothing()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var id = Guid.NewGuid();
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10, costNano: 1_300, id: id, usage: Cached)]);

        var candidates = new[]
        {
            TestEvents.Create(TestEvents.Hour10, costNano: 10_100, id: id, usage: Plain),
            TestEvents.Create(TestEvents.Hour10, costNano: 9_999, id: id, usage: Cached),
            TestEvents.Create(TestEvents.Hour10, costNano: 9_999, id: id, usage: new TokenUsage(5000, 4, CacheReadTokens: 4000)),
            TestEvents.Create(TestEvents.Hour10, costNano: 9_999, id: id, model: "gpt-4o-mini", usage: new TokenUsage(5000, 5, CacheReadTokens: 4012)),
        };
        var result = await AppendRicherAsync(temp, project, candidates);

        Assert.Equal((0, 4), (result.Accepted, result.Duplicates));
        var row = Assert.Single((await QueryAsync(temp, project)).Rows);
        Assert.Equal((1_300L, 1L, 4020L, 4012L), (row.CostNanoUsd, row.Events, row.InputTokens, row.CacheReadTokens));
        Assert.Equal("gpt-4o", (await QueryAsync(temp, project, "model")).Rows.Single().Dimensions["model"]);
    }

    [Fact]
    public async Task Keep_first_ignores_a_richer_copy()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var id = Guid.NewGuid();
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10, costNano: 10_100, id: id, usage: Plain)]);

        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10, costNano: 1_300, id: id, usage: Cached)]);

        Assert.Equal(10_100, (await QueryAsync(temp, project)).TotalCostNanoUsd);
    }

    [Fact]
    public async Task Another_projects_event_with_the_same_id_is_untouched()
    {
        await using var temp = await CreateStoreAsync();
        var a = await temp.ProjectAsync("a");
        var b = await temp.ProjectAsync("b");
        var id = Guid.NewGuid();
        await temp.AppendAsync(a, [TestEvents.Create(TestEvents.Hour10, costNano: 10_100, id: id, usage: Plain)]);
        await temp.AppendAsync(b, [TestEvents.Create(TestEvents.Hour10, costNano: 10_100, id: id, usage: Plain)]);

        await AppendRicherAsync(temp, b, [TestEvents.Create(TestEvents.Hour10, costNano: 1_300, id: id, usage: Cached)]);

        Assert.Equal(10_100, (await QueryAsync(temp, a)).TotalCostNanoUsd);
        Assert.Equal(0, (await QueryAsync(temp, a)).Rows.Single().CacheReadTokens);
        Assert.Equal(1_300, (await QueryAsync(temp, b)).TotalCostNanoUsd);
    }

    [Fact]
    public async Task Concurrent_poor_and_rich_copies_leave_exact_totals()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var ids = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();

        // Each call's poor and rich copies race in separate appends, in both orders.
        var appends = ids.SelectMany((id, i) => new[]
        {
            AppendRicherAsync(temp, project, [TestEvents.Create(TestEvents.Hour10.AddSeconds(i), costNano: 10_100, id: id, usage: Plain)]),
            AppendRicherAsync(temp, project, [TestEvents.Create(TestEvents.Hour10.AddSeconds(i), costNano: 1_300, id: id, usage: Cached)]),
        }).ToList();
        var results = await Task.WhenAll(appends);

        Assert.Equal(40, results.Sum(r => r.Accepted));
        var spend = await QueryAsync(temp, project);
        var row = Assert.Single(spend.Rows);
        Assert.Equal((40 * 1_300L, 40L, 40 * 4020L, 40 * 4012L), (spend.TotalCostNanoUsd, row.Events, row.InputTokens, row.CacheReadTokens));
        Assert.Equal(40 * 4012L, await temp.ScalarAsync("SELECT SUM(cache_read_tokens) FROM events;"));
    }

    private static Task<AppendResult> AppendRicherAsync(ConformanceStore temp, string project, IReadOnlyList<PricedEvent> events) =>
        temp.Store.AppendEventsAsync(project, events, DuplicatePolicy.KeepRicher, TestContext.Current.CancellationToken);

    private static Task<SpendResult> QueryAsync(ConformanceStore temp, string project, string groupBy = "environment") =>
        temp.Store.QuerySpendAsync(project, SpendQueryParser.Parse("2026-11-23", "2026-11-24", groupBy, null, null, Now), TestContext.Current.CancellationToken);
}
