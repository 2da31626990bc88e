using System.Globalization;
using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;

namespace Outlay.Storage.Conformance;

/// <summary>The export side of <c>outlay store migrate</c>: what a store reads back equals what was appended.</summary>
public abstract class TransferTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    [Fact]
    public async Task Events_read_back_in_pages_equal_what_was_appended_once_each()
    {
        await using var temp = await CreateStoreAsync();
        var export = Assert.IsAssignableFrom<IStoreExport>(temp.Store);
        var project = await temp.ProjectAsync("app");
        var other = await temp.ProjectAsync("other");
        var events = RandomEvents.Generate(seed: 7, count: 1_000)
            .Select((p, i) => i % 7 == 0 ? p with { Event = p.Event with { ClientCostUsd = 0.000123456m * i, LatencyMs = i, Instance = "pod-" + (i % 3) } } : p)
            .ToList();
        await temp.AppendAsync(project, events);
        await temp.AppendAsync(other, RandomEvents.Generate(seed: 8, count: 50));

        var read = new List<PricedEvent>();
        string? cursor = null;
        var pages = 0;
        while (true)
        {
            var page = await export.ReadEventsAsync(project, cursor, 128, TestContext.Current.CancellationToken);
            if (page.Events.Count == 0)
            {
                Assert.Null(page.Cursor);
                break;
            }

            Assert.True(page.Events.Count <= 128);
            read.AddRange(page.Events);
            cursor = page.Cursor;
            pages++;
        }

        Assert.Equal(8, pages);
        Assert.Equal(read.Count, read.Select(e => e.Event.Id).Distinct().Count());
        Assert.Equal(events.Select(Describe).Order(StringComparer.Ordinal), read.Select(Describe).Order(StringComparer.Ordinal));
        var totals = await export.ReadEventTotalsAsync(project, TestContext.Current.CancellationToken);
        Assert.Equal(events.Count, totals.Events);
        Assert.Equal(events.Sum(e => e.Cost.CostNanoUsd ?? 0), totals.CostNanoUsd);
        Assert.Equal(events.Count(e => e.Cost.CostNanoUsd is null), totals.UnpricedEvents);
        Assert.Equal(events.Sum(e => e.Event.Usage.InputTokens), totals.InputTokens);
        Assert.Equal(events.Sum(e => e.Event.Usage.ReasoningTokens), totals.ReasoningTokens);
    }

    [Fact]
    public async Task Appending_the_export_into_a_second_project_gives_the_same_spend()
    {
        await using var temp = await CreateStoreAsync();
        var export = (IStoreExport)temp.Store;
        var project = await temp.ProjectAsync("app");
        var copy = await temp.ProjectAsync("copy");
        await temp.AppendAsync(project, RandomEvents.Generate(seed: 11, count: 600));

        var page = await export.ReadEventsAsync(project, null, IStoreExport.MaxPageSize, TestContext.Current.CancellationToken);
        await temp.AppendAsync(copy, page.Events);

        Assert.Equal(
            await export.ReadEventTotalsAsync(project, TestContext.Current.CancellationToken),
            await export.ReadEventTotalsAsync(copy, TestContext.Current.CancellationToken));
        var query = new Outlay.Core.Querying.SpendQuery(RandomEvents.Start, RandomEvents.Start.AddHours(RandomEvents.Hours), [Outlay.Core.Querying.SpendDimension.Parse("model", "group_by")], Outlay.Core.Querying.SpendInterval.None, []);
        var original = await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken);
        var copied = await temp.Store.QuerySpendAsync(copy, query, TestContext.Current.CancellationToken);
        Assert.Equal(original.TotalCostNanoUsd, copied.TotalCostNanoUsd);
        Assert.Equal(original.Rows.Select(r => (r.Events, r.CostNanoUsd)), copied.Rows.Select(r => (r.Events, r.CostNanoUsd)));
    }

    private static string Describe(PricedEvent p)
    {
        var e = p.Event;
        var tags = string.Join(",", e.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Key + "=" + t.Value));
        return string.Join(
            "|",
            e.Id, e.Timestamp.ToUnixTimeMilliseconds(), e.Provider, e.Model, e.Operation, e.ServiceTier, e.Status, e.LatencyMs, e.Service,
            e.Environment, e.Instance, e.KeyLabel, tags, e.Usage, e.ClientCostUsd?.ToString("0.#########", CultureInfo.InvariantCulture),
            p.Cost.Priced ? p.Cost.CostNanoUsd : null, p.Cost.Priced ? p.Cost.PriceId : null, p.Cost.Priced ? p.Cost.ResolvedModel : null,
            p.ReceivedAt.ToUnixTimeMilliseconds());
    }
}
