using Outlay.Core.Events;
using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>
/// The export reads current versions only, before any merge: a replaced event (original, cancel row and richer copy in
/// another hour, so two ledger rows) comes back once, as the richer copy, even with one event per page.
/// </summary>
public sealed class EventExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_replaced_event_is_exported_once_as_its_current_version_without_a_merge(bool cluster)
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        var poorer = Events.Create(Events.Hour10, costNano: 1_000, usage: new TokenUsage(4_000, 4));
        var richer = Events.Create(Events.Hour10.AddHours(3), costNano: 300, id: poorer.Event.Id, service: "api", keyLabel: "ci", usage: new TokenUsage(4_000, 4, CacheReadTokens: 3_900));
        var others = Enumerable.Range(0, 5).Select(i => Events.Create(Events.Hour10.AddMinutes(i), costNano: 10 + i, tags: new Dictionary<string, string> { ["feature"] = "f'" + i })).ToList();
        await temp.Store.AppendEventsAsync(project, [poorer, .. others], Ct);
        await temp.Store.AppendEventsAsync(project, [richer, others[0]], DuplicatePolicy.KeepRicher, Ct);
        await temp.Store.AppendEventsAsync(project, [others[1]], Ct);
        Assert.Equal(8L, await temp.ScalarAsync("SELECT COUNT(*) FROM events_log"));

        var read = new List<PricedEvent>();
        string? cursor = null;
        while (true)
        {
            var page = await temp.Store.ReadEventsAsync(project, cursor, 1, Ct);
            if (page.Events.Count == 0)
            {
                break;
            }

            read.Add(Assert.Single(page.Events));
            cursor = page.Cursor;
        }

        Assert.Equal(6, read.Count);
        Assert.Equal(read.Select(e => e.Event.Id.ToString("D")).Order(StringComparer.Ordinal), read.Select(e => e.Event.Id.ToString("D")));
        var replaced = Assert.Single(read, e => e.Event.Id == poorer.Event.Id);
        Assert.Equal((richer.Event.Timestamp, "api", "ci", 3_900L, (long?)300), (replaced.Event.Timestamp, replaced.Event.Service, replaced.Event.KeyLabel, replaced.Event.Usage.CacheReadTokens, replaced.Cost.CostNanoUsd));
        Assert.Equal(others.Select(o => o.Event.Tags["feature"]).Order(StringComparer.Ordinal), read.Where(e => e.Event.Id != poorer.Event.Id).Select(e => e.Event.Tags["feature"]).Order(StringComparer.Ordinal));
        Assert.Equal(new EventTotals(6, 0, 300 + 10 + 11 + 12 + 13 + 14, 4_500, 54, 3_900, 0, 0, 0), await temp.Store.ReadEventTotalsAsync(project, Ct));
    }

    [Fact]
    public async Task An_unknown_project_reads_empty_and_bad_page_sizes_are_refused()
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: false);

        Assert.Equal(new EventPage([], null), await temp.Store.ReadEventsAsync("no-such-project", null, 10, Ct));
        Assert.Equal(EventTotals.Empty, await temp.Store.ReadEventTotalsAsync("no-such-project", Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.ReadEventsAsync("p", null, 0, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.ReadEventsAsync("p", null, IStoreExport.MaxPageSize + 1, Ct));
    }
}
