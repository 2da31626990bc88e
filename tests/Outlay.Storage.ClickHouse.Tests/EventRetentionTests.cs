using System.Net.Http;
using Outlay.Core.Events;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>
/// Retention on ClickHouse: month partitions of the log go on every node, the ledger forgets their ids, and what is
/// read from the log (credential places) answers as before, once, even after an interrupted run.
/// </summary>
public sealed class EventRetentionTests
{
    private static readonly DateTimeOffset September = new(2026, 9, 14, 8, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset October = new(2026, 10, 20, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset December = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dropped_months_leave_no_partition_or_ledger_id_on_any_node_and_places_and_activity_stay(bool cluster)
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        var poorer = Events.Create(September, costNano: 1_000, keyLabel: "ci", service: "api", usage: new TokenUsage(500, 5));
        var richer = Events.Create(September.AddHours(2), costNano: 700, id: poorer.Event.Id, keyLabel: "ci", service: "api", usage: new TokenUsage(500, 5, CacheReadTokens: 400));
        var spread = Enumerable.Range(0, 40).Select(i => Events.Create(October.AddMinutes(i), costNano: 10 + i, keyLabel: i % 2 == 0 ? "ci" : "old", service: "api")).ToList();
        await temp.Store.AppendEventsAsync(project, [poorer, Events.Create(September.AddDays(1), keyLabel: "ci", service: "worker")], Ct);
        await temp.Store.AppendEventsAsync(project, [richer], DuplicatePolicy.KeepRicher, Ct);
        await temp.Store.AppendEventsAsync(project, spread, Ct);
        await temp.Store.AppendEventsAsync(project, [Events.Create(November.AddDays(3), costNano: 5, keyLabel: "ci", service: "api")], Ct);
        var placesBefore = await temp.Store.ListCredentialPlacesAsync(project, null, Ct);
        var ciBefore = await temp.Store.ListCredentialPlacesAsync(project, "ci", Ct);
        var activityBefore = await temp.Store.QueryCredentialUsageAsync(project, September.AddDays(-20), December, null, Ct);
        var spendBefore = await SpendAsync(temp, project);

        var deleted = await temp.Store.DeleteEventsBeforeAsync(November, Ct);

        Assert.Equal(42, deleted);
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM events"));
        foreach (var node in temp.Options.Cluster is null ? [temp.Options.Server] : temp.Options.Nodes)
        {
            var local = temp.Options.Cluster is null ? string.Empty : "_local";
            Assert.Equal("0", await NodeScalarAsync(node, $"SELECT count() FROM system.parts WHERE database = '{temp.Options.Database}' AND table = 'events_log{local}' AND active AND partition < '202611'"));
            Assert.Equal("0", await NodeScalarAsync(node, $"SELECT count() FROM `{temp.Options.Database}`.event_ids{local} WHERE hour < {November.ToUnixTimeSeconds()}"));
        }

        Assert.Equal(3, placesBefore.Count);
        Assert.Equal(placesBefore, await temp.Store.ListCredentialPlacesAsync(project, null, Ct));
        Assert.Equal(ciBefore, await temp.Store.ListCredentialPlacesAsync(project, "ci", Ct));
        Assert.Equal(activityBefore, await temp.Store.QueryCredentialUsageAsync(project, September.AddDays(-20), December, null, Ct));
        Assert.Equal(spendBefore.TotalCostNanoUsd, (await SpendAsync(temp, project)).TotalCostNanoUsd);
        Assert.Equal(spendBefore.Rows.Select(r => (r.Events, r.CostNanoUsd, r.CacheReadTokens)), (await SpendAsync(temp, project)).Rows.Select(r => (r.Events, r.CostNanoUsd, r.CacheReadTokens)));
        Assert.Equal(0, await temp.Store.DeleteEventsBeforeAsync(November, Ct));
        Assert.Equal(placesBefore, await temp.Store.ListCredentialPlacesAsync(project, null, Ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_run_interrupted_after_keeping_a_month_s_places_counts_them_once(bool cluster)
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        await temp.Store.AppendEventsAsync(project, Enumerable.Range(0, 12).Select(i => Events.Create(October.AddHours(i), keyLabel: "ci", service: "api")).ToList(), Ct);
        var before = await temp.Store.ListCredentialPlacesAsync(project, null, Ct);

        // What a run that stopped between keeping the places and dropping the partition leaves behind, on every node.
        var local = cluster ? "_local" : string.Empty;
        foreach (var node in cluster ? temp.Options.Nodes : [temp.Options.Server])
        {
            for (var day = new DateOnly(2026, 10, 1); day.Month == 10; day = day.AddDays(1))
            {
                await temp.Store.Http.ExecuteAsync(
                    ClickHouseRetiredPlacesSql.SnapshotDay("credential_places_retired" + local, "events_log" + local, node.GetLeftPart(UriPartial.Authority), day), Ct, node);
            }
        }

        Assert.Equal(12, await temp.Store.DeleteEventsBeforeAsync(November, Ct));

        var after = await temp.Store.ListCredentialPlacesAsync(project, null, Ct);
        Assert.Equal(12, Assert.Single(after).Events);
        Assert.Equal(before, after);
    }

    private static Task<SpendResult> SpendAsync(TempClickHouseStore temp, string project) =>
        temp.Store.QuerySpendAsync(project, SpendQueryParser.Parse("2026-09-01", "2026-12-01", "model", "day", null, December), Ct);

    private static async Task<string> NodeScalarAsync(Uri node, string sql)
    {
        using var client = new HttpClient();
        using var response = await client.PostAsync(node, new StringContent(sql), Ct);
        var text = (await response.Content.ReadAsStringAsync(Ct)).Trim();
        Assert.True(response.IsSuccessStatusCode, text);
        return text;
    }
}
