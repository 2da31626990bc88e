using Outlay.Core.Querying;

namespace Outlay.Server.Dashboard.Charts;

/// <summary>What a stacked bar chart over time shows: bucket starts (UTC instants), their width, the viewer's zone and the series.</summary>
internal sealed record TimeChartData(
    IReadOnlyList<DateTimeOffset> Buckets,
    SpendInterval Interval,
    TimeZoneInfo Zone,
    IReadOnlyList<ChartSeries> Series)
{
    /// <summary>Sum of every series in bucket <paramref name="index"/>.</summary>
    public long BucketTotal(int index)
    {
        long total = 0;
        foreach (var series in Series)
        {
            total += series.Values[index];
        }

        return total;
    }
}
