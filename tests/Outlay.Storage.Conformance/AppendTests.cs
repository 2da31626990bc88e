using System.Data.Common;
using Outlay.Core.Events;
using Outlay.Core.Querying;

namespace Outlay.Storage.Conformance;

public abstract class AppendTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Now = TestEvents.Hour10.AddDays(1);

    [Fact]
    public async Task Appending_the_same_batch_twice_counts_the_second_as_duplicates()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var batch = Enumerable.Range(0, 10).Select(i => TestEvents.Create(TestEvents.Hour10.AddMinutes(i), costNano: 1_000 + i)).ToList();

        var first = await temp.AppendAsync(project, batch);
        var second = await temp.AppendAsync(project, batch);

        Assert.Equal((10, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((0, 10), (second.Accepted, second.Duplicates));
        var spend = await QueryAllAsync(temp, project);
        // 1000 + 1001 + … + 1009 = 10 × 1000 + 45, counted once.
        Assert.Equal(10_045, spend.TotalCostNanoUsd);
        Assert.Equal(10, spend.Rows.Single().Events);
    }

    [Fact]
    public async Task A_repeated_id_within_one_batch_is_stored_once()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var id = Guid.NewGuid();
        var batch = new[]
        {
            TestEvents.Create(TestEvents.Hour10, costNano: 500, id: id),
            TestEvents.Create(TestEvents.Hour10.AddMinutes(1), costNano: 700),
            TestEvents.Create(TestEvents.Hour10.AddMinutes(2), costNano: 999_999, id: id),
        };

        var result = await temp.AppendAsync(project, batch);

        Assert.Equal((2, 1), (result.Accepted, result.Duplicates));
        // The first occurrence wins: 500 + 700.
        Assert.Equal(1_200, (await QueryAllAsync(temp, project)).TotalCostNanoUsd);
    }

    [Fact]
    public async Task The_same_id_in_two_projects_is_two_events()
    {
        await using var temp = await CreateStoreAsync();
        var a = await temp.ProjectAsync("a");
        var b = await temp.ProjectAsync("b");
        var id = Guid.NewGuid();

        var first = await temp.AppendAsync(a, [TestEvents.Create(TestEvents.Hour10, id: id)]);
        var second = await temp.AppendAsync(b, [TestEvents.Create(TestEvents.Hour10, id: id)]);

        Assert.Equal(1, first.Accepted);
        Assert.Equal(1, second.Accepted);
    }

    [Fact]
    public async Task Unpriced_events_are_counted_and_excluded_from_cost()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [
            TestEvents.Create(TestEvents.Hour10, costNano: 2_500, model: "gpt-4o"),
            TestEvents.Create(TestEvents.Hour10.AddMinutes(5), costNano: null, model: "mystery-1", usage: new TokenUsage(40, 4)),
            TestEvents.Create(TestEvents.Hour10.AddMinutes(6), costNano: null, model: "mystery-1", usage: new TokenUsage(60, 6)),
        ]);

        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-24", "model", null, null, Now);
        var spend = await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken);

        Assert.Equal(2_500, spend.TotalCostNanoUsd);
        Assert.Equal(2, spend.UnpricedEvents);
        var mystery = spend.Rows.Single(r => r.Dimensions["model"] == "mystery-1");
        Assert.Equal((0L, 2L, 2L, 100L, 10L), (mystery.CostNanoUsd, mystery.Events, mystery.UnpricedEvents, mystery.InputTokens, mystery.OutputTokens));
    }

    [Fact]
    public async Task Equal_tags_in_any_insertion_order_share_one_rollup_row()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var forward = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" };
        var backward = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" };

        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10, tags: forward)]);
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10.AddMinutes(30), tags: backward)]);

        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM rollups_hourly;"));
        Assert.Equal(2L, await temp.ScalarAsync("SELECT events FROM rollups_hourly;"));
    }

    [Fact]
    public async Task A_failed_batch_stores_nothing()
    {
        await using var temp = await CreateStoreAsync();

        // No such project: the foreign key refuses the first insert and the transaction rolls back.
        await Assert.ThrowsAnyAsync<DbException>(() => temp.AppendAsync("p-missing", [TestEvents.Create(TestEvents.Hour10)]));

        Assert.Equal(0L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(0L, await temp.ScalarAsync("SELECT COUNT(*) FROM rollups_hourly;"));
    }

    [Fact]
    public async Task A_cancelled_append_stores_nothing()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => temp.Store.AppendEventsAsync(project, [TestEvents.Create(TestEvents.Hour10)], cancelled.Token));

        Assert.Equal(0L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
    }

    private static Task<SpendResult> QueryAllAsync(ConformanceStore temp, string project) =>
        temp.Store.QuerySpendAsync(project, SpendQueryParser.Parse("2026-11-23", "2026-11-24", null, null, null, Now), TestContext.Current.CancellationToken);
}
