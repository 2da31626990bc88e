using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

public abstract class PriceUsageTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    [Theory]
    [InlineData(5, "2026-11-19T00:00:00Z", "2026-11-24T00:00:00Z")]
    [InlineData(6, "2026-11-20T05:30:00Z", "2026-11-21T17:15:00Z")]
    public async Task Price_usage_equals_a_recount_of_the_stored_events(int seed, string from, string to)
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("random");
        var other = await temp.ProjectAsync("other");
        var events = await RandomHistory.AppendAsync(temp.Store, project, seed, 1_500);
        await RandomHistory.AppendAsync(temp.Store, other, seed + 1, 200);
        var start = DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture);

        var actual = await temp.Store.QueryPriceUsageAsync(project, start, end, TestContext.Current.CancellationToken);

        Assert.Contains(actual, r => r.PriceId is null);
        Assert.Contains(actual, r => r.PriceId?.StartsWith("richer/", StringComparison.Ordinal) == true);
        Assert.Equal(Expected(events, start, end), actual);
    }

    [Fact]
    public async Task Rows_are_per_price_entry_ordered_by_cost_and_whole_hours_are_counted()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [
            TestEvents.Create(TestEvents.Hour10.AddMinutes(59), costNano: 100, model: "gpt-4o-mini"),
            TestEvents.Create(TestEvents.Hour10, costNano: 5_000),
            TestEvents.Create(TestEvents.Hour10, costNano: null, model: "mystery"),
            TestEvents.Create(TestEvents.Hour10.AddHours(1), costNano: 9_000),
        ]);

        // 10:30 to 10:45 covers the whole 10:00 hour, never 11:00.
        var rows = await temp.Store.QueryPriceUsageAsync(
            project, TestEvents.Hour10.AddMinutes(30), TestEvents.Hour10.AddMinutes(45), TestContext.Current.CancellationToken);

        Assert.Equal(
            [("gpt-4o", "openai/gpt-4o", 5_000L, 1L, 0L), ("gpt-4o-mini", "openai/gpt-4o-mini", 100L, 1L, 0L), ("mystery", null, 0L, 1L, 1L)],
            rows.Select(r => (r.Model, r.PriceId, r.CostNanoUsd, r.Events, r.UnpricedEvents)));
        Assert.Empty(await temp.Store.QueryPriceUsageAsync(
            (await temp.ProjectAsync("empty")), TestEvents.Hour10, TestEvents.Hour10.AddDays(1), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.QueryPriceUsageAsync(
            project, TestEvents.Hour10, TestEvents.Hour10.AddHours(-1), TestContext.Current.CancellationToken));
    }

    private static List<PriceUsageRow> Expected(IEnumerable<PricedEvent> events, DateTimeOffset from, DateTimeOffset to)
    {
        var first = HourAlignment.Floor(from);
        var end = HourAlignment.Ceiling(to);
        var rows = events
            .Where(p => p.Event.Timestamp >= first && p.Event.Timestamp < end)
            .GroupBy(p => (p.Event.Provider, p.Event.Model, PriceId: p.Cost.Priced ? p.Cost.PriceId : null))
            .Select(g => new PriceUsageRow(
                g.Key.Provider,
                g.Key.Model,
                g.Key.PriceId,
                g.Count(),
                g.Count(p => !p.Cost.Priced),
                g.Where(p => p.Cost.Priced).Sum(p => p.Cost.CostNanoUsd!.Value),
                g.Sum(p => p.Event.Usage.InputTokens),
                g.Sum(p => p.Event.Usage.OutputTokens),
                g.Sum(p => p.Event.Usage.CacheReadTokens),
                g.Sum(p => p.Event.Usage.CacheWriteTokens + p.Event.Usage.CacheWrite1hTokens),
                g.Sum(p => p.Event.Usage.ReasoningTokens)))
            .ToList();
        rows.Sort((a, b) =>
        {
            var c = b.CostNanoUsd.CompareTo(a.CostNanoUsd);
            c = c != 0 ? c : string.CompareOrdinal(a.Model, b.Model);
            c = c != 0 ? c : string.CompareOrdinal(a.Provider, b.Provider);
            return c != 0 ? c : string.CompareOrdinal(a.PriceId ?? string.Empty, b.PriceId ?? string.Empty);
        });
        return rows;
    }
}
