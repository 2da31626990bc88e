using Outlay.Core.Querying;

namespace Outlay.Server.Dashboard.Charts;

/// <summary>Turns time-series spend rows into chart series: the largest <see cref="MaxNamedSeries"/> by total, the rest as "Other".</summary>
internal static class TimeChartBuilder
{
    /// <summary>Series drawn under their own name and colour: 8.</summary>
    public const int MaxNamedSeries = 8;

    /// <summary>Display name of rows whose dimension is unset.</summary>
    public const string NotSetName = "(not set)";

    public const string OtherName = "Other";

    /// <summary>
    /// Spreads <paramref name="rows"/> (with buckets) over <paramref name="buckets"/>; a row's bucket is placed in the
    /// bucket containing it, so rows bucketed by UTC day still land in a local-day chart. Rows outside the buckets are left out.
    /// </summary>
    public static TimeChartData Build(
        IReadOnlyList<SpendRow> rows,
        string? dimension,
        IReadOnlyList<DateTimeOffset> buckets,
        SpendInterval interval,
        TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(buckets);
        var valuesByName = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var unpricedByName = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Bucket is not { } bucket)
            {
                continue;
            }

            var index = ChartBuckets.IndexOf(buckets, bucket);
            if (index < 0)
            {
                continue;
            }

            var name = NameOf(row, dimension);
            if (!valuesByName.TryGetValue(name, out var values))
            {
                values = new long[buckets.Count];
                valuesByName.Add(name, values);
            }

            values[index] += row.CostNanoUsd;
            unpricedByName[name] = unpricedByName.GetValueOrDefault(name) + row.UnpricedEvents;
        }

        var ranked = valuesByName
            .Select(pair => (Name: pair.Key, Values: pair.Value, Total: pair.Value.Sum(), Unpriced: unpricedByName[pair.Key]))
            .OrderByDescending(s => s.Total)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
        var series = new List<ChartSeries>();
        for (var i = 0; i < Math.Min(MaxNamedSeries, ranked.Count); i++)
        {
            series.Add(new ChartSeries(ranked[i].Name, "series-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), ranked[i].Values, ranked[i].Unpriced));
        }

        if (ranked.Count > MaxNamedSeries)
        {
            var other = new long[buckets.Count];
            long otherUnpriced = 0;
            foreach (var rest in ranked.Skip(MaxNamedSeries))
            {
                otherUnpriced += rest.Unpriced;
                for (var b = 0; b < other.Length; b++)
                {
                    other[b] += rest.Values[b];
                }
            }

            series.Add(new ChartSeries(OtherName, "series-8", other, otherUnpriced));
        }

        return new TimeChartData(buckets, interval, zone, series);
    }

    private static string NameOf(SpendRow row, string? dimension)
    {
        if (dimension is null)
        {
            return "Spend";
        }

        return row.Dimensions.TryGetValue(dimension, out var value) && !string.IsNullOrEmpty(value) ? value : NotSetName;
    }
}
