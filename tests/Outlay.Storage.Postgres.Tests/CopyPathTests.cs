using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.Postgres.Tests;

/// <summary>PostgreSQL-only: one 10,000-event batch goes through binary COPY, and two processes appending the same data stay exact.</summary>
public sealed class CopyPathTests
{
    private static readonly DateTimeOffset Now = RandomEvents.Start.AddHours(RandomEvents.Hours + 5);

    [Fact]
    public async Task A_ten_thousand_event_batch_is_stored_once_with_exact_rollups()
    {
        await using var temp = await TempDatabase.CreateAsync();
        var project = (await temp.Store.EnsureProjectAsync("bulk", TestContext.Current.CancellationToken)).Id;
        var events = RandomEvents.Generate(seed: 10_000, count: 10_000);

        var first = await temp.Store.AppendEventsAsync(project, events, TestContext.Current.CancellationToken);
        var again = await temp.Store.AppendEventsAsync(project, events, TestContext.Current.CancellationToken);

        Assert.Equal((10_000, 0), (first.Accepted, first.Duplicates));
        Assert.Equal((0, 10_000), (again.Accepted, again.Duplicates));
        Assert.Equal(10_000L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(10_000L, await temp.ScalarAsync("SELECT SUM(events) FROM rollups_hourly;"));
        foreach (var groupBy in new[] { "model,tag.customer", "tag.feature" })
        {
            var query = SpendQueryParser.Parse("2026-11-19", null, groupBy, "day", null, Now);
            SpendAssert.Equal(ExpectedSpend.Compute(events, query), await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken), query);
        }
    }

    [Fact]
    public async Task Two_stores_appending_the_same_events_concurrently_store_each_once()
    {
        await using var temp = await TempDatabase.CreateAsync();
        await using var second = await temp.OpenStoreAsync();
        var project = (await temp.Store.EnsureProjectAsync("shared", TestContext.Current.CancellationToken)).Id;
        var events = RandomEvents.Generate(seed: 77, count: 3_000);

        // Both "processes" send every batch, in opposite orders.
        var batches = events.Chunk(250).ToList();
        Task<AppendResult[]> Send(IOutlayStore store, IEnumerable<PricedEvent[]> order) => Task.Run(async () =>
        {
            var results = new List<AppendResult>();
            foreach (var batch in order)
            {
                results.Add(await store.AppendEventsAsync(project, batch, TestContext.Current.CancellationToken));
            }

            return results.ToArray();
        });
        var results = await Task.WhenAll(Send(temp.Store, batches), Send(second, Enumerable.Reverse(batches)));

        Assert.Equal(events.Count, results.SelectMany(r => r).Sum(r => r.Accepted));
        Assert.Equal(events.Count, results.SelectMany(r => r).Sum(r => r.Duplicates));
        var query = SpendQueryParser.Parse("2026-11-19", null, "provider,environment", "hour", null, Now);
        SpendAssert.Equal(ExpectedSpend.Compute(events, query), await second.QuerySpendAsync(project, query, TestContext.Current.CancellationToken), query);
    }
}
