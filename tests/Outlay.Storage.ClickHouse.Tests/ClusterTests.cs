using System.Net.Http;
using Outlay.Core.Querying;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>The two-shard cluster: rows are spread over both shards and every answer reads them all.</summary>
public sealed class ClusterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Rows_land_on_both_shards_and_queries_see_every_row()
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: true);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        var events = Enumerable.Range(0, 200).Select(i => Events.Create(Events.Hour10.AddSeconds(i), costNano: 1_000 + i)).ToList();
        await temp.Store.AppendEventsAsync(project, events, Ct);

        var perShard = new List<long>();
        using var client = new HttpClient();
        foreach (var node in temp.Options.Nodes)
        {
            using var response = await client.PostAsync(
                node, new StringContent($"SELECT count() FROM `{temp.Options.Database}`.events_log_local"), Ct);
            perShard.Add(long.Parse(await response.Content.ReadAsStringAsync(Ct), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(2, perShard.Count);
        Assert.All(perShard, count => Assert.InRange(count, 1, 199));
        Assert.Equal(200, perShard.Sum());
        var spend = await temp.Store.QuerySpendAsync(project, SpendQueryParser.Parse("2026-11-23", "2026-11-24", null, null, null, Events.Hour10.AddDays(1)), Ct);
        Assert.Equal((200 * 1_000) + (199 * 200 / 2), spend.TotalCostNanoUsd);
        Assert.Equal((0, 200), (await temp.Store.AppendEventsAsync(project, events, Ct)) is var again ? (again.Accepted, again.Duplicates) : default);
    }
}
