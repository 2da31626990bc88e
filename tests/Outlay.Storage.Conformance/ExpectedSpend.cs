using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary>
/// Answers a spend query by summing raw events in memory, independently of the store's SQL: the reference the
/// rollups are checked against.
/// </summary>
internal static class ExpectedSpend
{
    public static SpendResult Compute(IEnumerable<PricedEvent> events, SpendQuery query)
    {
        var from = HourStart(query.From);
        var to = HourStart(query.To) == query.To ? query.To : HourStart(query.To).AddHours(1);
        var rows = events
            .Where(p => p.Event.Timestamp >= from && p.Event.Timestamp < to)
            .Where(p => query.Filters.All(f => ValueOf(p, f.Dimension) is { } v && f.Values.Contains(v)))
            .GroupBy(p => Key(p, query), StringComparer.Ordinal)
            .Select(g => ToRow(g.ToList(), query))
            .ToList();
        rows.Sort((a, b) => Compare(a, b, query));
        return new SpendResult(rows, rows.Sum(r => r.CostNanoUsd), rows.Sum(r => r.UnpricedEvents));
    }

    public static string? ValueOf(PricedEvent priced, SpendDimension dimension)
    {
        var e = priced.Event;
        if (dimension.TagName is { } tag)
        {
            return e.Tags.TryGetValue(tag, out var value) ? value : null;
        }

        return dimension.Name switch
        {
            "provider" => e.Provider,
            "model" => e.Model,
            "operation" => e.Operation,
            "service" => e.Service,
            "environment" => e.Environment,
            "key_label" => e.KeyLabel,
            "status" => e.Status,
            "service_tier" => e.ServiceTier,
            _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
        };
    }

    private static DateTimeOffset? BucketOf(PricedEvent priced, SpendInterval interval)
    {
        var hour = HourStart(priced.Event.Timestamp);
        return interval switch
        {
            SpendInterval.Hour => hour,
            SpendInterval.Day => new DateTimeOffset(hour.UtcDateTime.Date, TimeSpan.Zero),
            _ => null,
        };
    }

    private static DateTimeOffset HourStart(DateTimeOffset t) =>
        new(t.UtcDateTime.Year, t.UtcDateTime.Month, t.UtcDateTime.Day, t.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    private static string Key(PricedEvent priced, SpendQuery query) =>
        string.Join('\u0001', query.GroupBy.Select(d => ValueOf(priced, d) ?? "\u0000null"))
        + "|" + BucketOf(priced, query.Interval)?.ToUnixTimeSeconds();

    private static SpendRow ToRow(List<PricedEvent> group, SpendQuery query)
    {
        var priced = group.Where(p => p.Cost.Priced).ToList();
        return new SpendRow(
            query.GroupBy.ToDictionary(d => d.Name, d => ValueOf(group[0], d), StringComparer.Ordinal),
            BucketOf(group[0], query.Interval),
            priced.Sum(p => p.Cost.CostNanoUsd!.Value),
            group.Count,
            group.Sum(p => p.Event.Usage.InputTokens),
            group.Sum(p => p.Event.Usage.OutputTokens),
            group.Sum(p => p.Event.Usage.CacheReadTokens),
            group.Sum(p => p.Event.Usage.CacheWriteTokens + p.Event.Usage.CacheWrite1hTokens),
            group.Sum(p => p.Event.Usage.ReasoningTokens),
            group.Count - priced.Count);
    }

    private static int Compare(SpendRow a, SpendRow b, SpendQuery query)
    {
        var byCost = b.CostNanoUsd.CompareTo(a.CostNanoUsd);
        if (byCost != 0)
        {
            return byCost;
        }

        foreach (var dimension in query.GroupBy)
        {
            // SQLite sorts NULL first; tag values here are BMP-only, so ordinal order equals SQLite's byte order.
            var byValue = string.CompareOrdinal(a.Dimensions[dimension.Name], b.Dimensions[dimension.Name]);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return Nullable.Compare(a.Bucket, b.Bucket);
    }
}
