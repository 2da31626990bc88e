using Outlay.Core.Pricing;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary>
/// Re-pricing stored events: a re-priced store must hold, cell for cell, what a store that ingested the same events at
/// the corrected prices holds (events and every rollup), a second run must change nothing, and ingest running at the
/// same time must lose or double nothing.
/// </summary>
public abstract class RepriceTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset End = RandomEvents.Start.AddHours(RandomEvents.Hours);

    /// <summary>The corrected prices: exact integers from the usage, one model left unpriced, tiers priced differently.</summary>
    private static CostResult Corrected(StoredUsage stored)
    {
        if (stored.Model == "o3")
        {
            return CostResult.Unpriced;
        }

        var u = stored.Usage;
        var perToken = stored.ServiceTier == "batch" ? 1L : 3L;
        var cost = (u.InputTokens * perToken) + (u.OutputTokens * 11) + u.CacheReadTokens + (u.CacheWriteTokens * 2);
        return new CostResult(true, cost, new Dictionary<string, long>(), "corrected/" + stored.Model, stored.Model + "-resolved");
    }

    private static PricedEvent AtCorrectedPrices(PricedEvent priced)
    {
        var e = priced.Event;
        return priced with { Cost = Corrected(new StoredUsage(e.Provider, e.Model, e.Usage, e.ServiceTier, e.Timestamp)) };
    }

    private static async Task AppendInBatchesAsync(IOutlayStore store, string project, IReadOnlyList<PricedEvent> events, int batch = 700)
    {
        for (var i = 0; i < events.Count; i += batch)
        {
            await store.AppendEventsAsync(project, events.Skip(i).Take(batch).ToList(), TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Repriced_store_equals_a_fresh_ingest_at_the_new_prices_in_every_table()
    {
        await using var repriced = await CreateStoreAsync();
        await using var fresh = await CreateStoreAsync();
        var events = RandomEvents.Generate(seed: 5, count: 12_000);
        var other = RandomEvents.Generate(seed: 6, count: 1_000);
        var projectA = await repriced.ProjectAsync("alpha");
        var projectB = await repriced.ProjectAsync("beta");
        await AppendInBatchesAsync(repriced.Store, projectA, events);
        await AppendInBatchesAsync(repriced.Store, projectB, other);
        var freshA = await fresh.ProjectAsync("alpha");
        var freshB = await fresh.ProjectAsync("beta");
        var corrected = events.Select(AtCorrectedPrices).ToList();
        await AppendInBatchesAsync(fresh.Store, freshA, corrected);
        await AppendInBatchesAsync(fresh.Store, freshB, other.Select(AtCorrectedPrices).ToList());

        // Every project (null), more than two pages of 5,000.
        var result = await repriced.Store.RepriceAsync(new RepriceRequest(null, RandomEvents.Start, End), Corrected, TestContext.Current.CancellationToken);

        var all = events.Concat(other).ToList();
        var allCorrected = corrected.Concat(other.Select(AtCorrectedPrices)).ToList();
        Assert.Equal(all.Count, result.Examined);
        Assert.Equal(all.Sum(p => p.Cost.CostNanoUsd ?? 0), result.CostBeforeNanoUsd);
        Assert.Equal(allCorrected.Sum(p => p.Cost.CostNanoUsd ?? 0), result.CostAfterNanoUsd);
        Assert.Equal(allCorrected.Count(p => !p.Cost.Priced), result.StillUnpriced);
        Assert.True(result.Changed > all.Count * 9 / 10, $"changed {result.Changed}");
        Assert.Equal(await fresh.DumpProjectAsync(freshA), await repriced.DumpProjectAsync(projectA));
        Assert.Equal(await fresh.DumpProjectAsync(freshB), await repriced.DumpProjectAsync(projectB));

        // Reports read through the store's query code agree too, on the dimension-rollup and the full-rollup paths.
        foreach (var groupBy in new[] { "model", "provider,tag.customer", "service_tier" })
        {
            var query = SpendQueryParser.Parse("2026-11-20", "2026-11-24", groupBy, "day", null, End);
            SpendAssert.Equal(
                await fresh.Store.QuerySpendAsync(freshA, query, TestContext.Current.CancellationToken),
                await repriced.Store.QuerySpendAsync(projectA, query, TestContext.Current.CancellationToken),
                query);
        }

        var prices = await repriced.Store.QueryPriceUsageAsync(projectA, RandomEvents.Start, End, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(prices, p => p.PriceId is { } id && id.StartsWith("test/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Project_range_and_model_filters_reprice_only_what_they_select()
    {
        await using var repriced = await CreateStoreAsync();
        await using var fresh = await CreateStoreAsync();
        var events = RandomEvents.Generate(seed: 11, count: 3_000);
        var project = await repriced.ProjectAsync("alpha");
        var untouched = await repriced.ProjectAsync("beta");
        await AppendInBatchesAsync(repriced.Store, project, events);
        await AppendInBatchesAsync(repriced.Store, untouched, events);
        var freshProject = await fresh.ProjectAsync("alpha");
        var from = RandomEvents.Start.AddHours(24);
        var to = RandomEvents.Start.AddHours(48);
        bool Selected(PricedEvent p) =>
            p.Event.Timestamp >= from && p.Event.Timestamp < to && p.Event.Provider == "openai" && p.Event.Model == "gpt-4o";
        await AppendInBatchesAsync(fresh.Store, freshProject, events.Select(p => Selected(p) ? AtCorrectedPrices(p) : p).ToList());
        var before = await repriced.DumpProjectAsync(untouched);

        var result = await repriced.Store.RepriceAsync(
            new RepriceRequest(project, from, to, "openai", "gpt-4o"), Corrected, TestContext.Current.CancellationToken);

        Assert.Equal(events.Count(Selected), result.Examined);
        Assert.True(result.Examined > 50);
        Assert.Equal(await fresh.DumpProjectAsync(freshProject), await repriced.DumpProjectAsync(project));
        Assert.Equal(before, await repriced.DumpProjectAsync(untouched));
    }

    [Fact]
    public async Task A_second_run_changes_nothing_and_a_dry_run_writes_nothing()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("alpha");
        var events = RandomEvents.Generate(seed: 3, count: 2_000);
        await AppendInBatchesAsync(temp.Store, project, events);
        var request = new RepriceRequest(project, RandomEvents.Start, End);
        var original = await temp.DumpProjectAsync(project);

        var dry = await temp.Store.RepriceAsync(request with { DryRun = true }, Corrected, TestContext.Current.CancellationToken);
        Assert.Equal(original, await temp.DumpProjectAsync(project));

        var first = await temp.Store.RepriceAsync(request, Corrected, TestContext.Current.CancellationToken);
        var afterFirst = await temp.DumpProjectAsync(project);
        var second = await temp.Store.RepriceAsync(request, Corrected, TestContext.Current.CancellationToken);

        Assert.Equal(first, dry);
        Assert.NotEqual(original, afterFirst);
        Assert.Equal(afterFirst, await temp.DumpProjectAsync(project));
        Assert.Equal(0, second.Changed);
        Assert.Equal(first.Examined, second.Examined);
        Assert.Equal(first.CostAfterNanoUsd, second.CostBeforeNanoUsd);
        Assert.Equal(second.CostBeforeNanoUsd, second.CostAfterNanoUsd);
    }

    [Fact]
    public async Task Ingest_running_during_a_reprice_is_neither_lost_nor_double_counted()
    {
        await using var repriced = await CreateStoreAsync();
        await using var fresh = await CreateStoreAsync();
        var project = await repriced.ProjectAsync("alpha");
        var freshProject = await fresh.ProjectAsync("alpha");
        var stored = RandomEvents.Generate(seed: 21, count: 15_000);
        var arriving = RandomEvents.Generate(seed: 22, count: 4_000).Select(AtCorrectedPrices).ToList();
        await AppendInBatchesAsync(repriced.Store, project, stored);
        await AppendInBatchesAsync(fresh.Store, freshProject, stored.Select(AtCorrectedPrices).Concat(arriving).ToList());

        // A server already running the corrected prices keeps ingesting (new events and exact retries of stored ones)
        // while the correction is applied to history.
        var ingest = Task.Run(async () =>
        {
            for (var i = 0; i < arriving.Count; i += 100)
            {
                var batch = arriving.Skip(i).Take(100).Concat(stored.Skip(i).Take(20)).ToList();
                await repriced.Store.AppendEventsAsync(project, batch, TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);
        var reprice = repriced.Store.RepriceAsync(new RepriceRequest(project, RandomEvents.Start, End), Corrected, TestContext.Current.CancellationToken);
        await Task.WhenAll(ingest, reprice);

        Assert.InRange((await reprice).Examined, stored.Count, stored.Count + arriving.Count);
        Assert.Equal(await fresh.DumpProjectAsync(freshProject), await repriced.DumpProjectAsync(project));
    }
}
