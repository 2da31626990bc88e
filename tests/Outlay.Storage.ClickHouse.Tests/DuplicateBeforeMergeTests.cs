using Outlay.Core.Events;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>
/// Insert-time duplicate checks make answers exact before any background merge: the log still holds every row sent
/// (no OPTIMIZE is run), yet a duplicate sent in two batches and a richer duplicate each count once.
/// </summary>
public sealed class DuplicateBeforeMergeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_duplicate_in_two_batches_and_a_richer_duplicate_count_once_without_a_merge(bool cluster)
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        var retried = Events.Create(Events.Hour10, costNano: 100);
        var poorer = Events.Create(Events.Hour10.AddMinutes(5), costNano: 1_000, usage: new TokenUsage(4_000, 4));
        var richer = Events.Create(Events.Hour10.AddMinutes(6), costNano: 300, id: poorer.Event.Id, service: "api", usage: new TokenUsage(4_000, 4, CacheReadTokens: 3_900));

        Assert.Equal((2, 0), Pair(await temp.Store.AppendEventsAsync(project, [retried, poorer], Ct)));
        Assert.Equal((0, 1), Pair(await temp.Store.AppendEventsAsync(project, [retried], Ct)));
        Assert.Equal((0, 2), Pair(await temp.Store.AppendEventsAsync(project, [richer, retried], DuplicatePolicy.KeepRicher, Ct)));

        // Four rows in the log: two originals, the poorer one's cancel row, the richer copy. Nothing collapsed them.
        Assert.Equal(4L, await temp.ScalarAsync("SELECT COUNT(*) FROM events_log"));
        var spend = await temp.Store.QuerySpendAsync(project, SpendQueryParser.Parse("2026-11-23", "2026-11-24", "service", null, null, Events.Hour10.AddDays(1)), Ct);
        Assert.Equal(400, spend.TotalCostNanoUsd);
        Assert.Equal([("api", 1L, 300L, 3_900L), (null, 1L, 100L, 0L)], spend.Rows.Select(r => (r.Dimensions["service"], r.Events, r.CostNanoUsd, r.CacheReadTokens)));
        Assert.Equal(2L, await temp.ScalarAsync("SELECT COUNT(*) FROM events"));
    }

    private static (int, int) Pair(AppendResult result) => (result.Accepted, result.Duplicates);
}
