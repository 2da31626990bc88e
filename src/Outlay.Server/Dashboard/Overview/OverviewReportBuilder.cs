using Outlay.Core.Forecasting;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Charts;

namespace Outlay.Server.Dashboard.Overview;

/// <summary>
/// Computes the overview of one project with a handful of queries, each with at most one group-by dimension and no
/// filter, so each is answered from the store's rollups. All go through <see cref="SpendQueries.RunAsync"/> (the API's
/// code) and run concurrently.
/// </summary>
internal static class OverviewReportBuilder
{
    /// <summary>Rows per top list: 5.</summary>
    public const int TopCount = 5;

    /// <summary>Span of the hourly chart: 48 hours.</summary>
    public static readonly TimeSpan HourChartSpan = TimeSpan.FromHours(48);

    private static readonly (string Dimension, string Title, string TestId)[] TopDimensions =
    [
        ("tag.feature", "Features", "top-features"),
        ("tag.customer", "Customers", "top-customers"),
        ("service", "Services", "top-services"),
        ("key_label", "Key labels", "top-key-labels"),
    ];

    public static async Task<OverviewReport> BuildAsync(
        IOutlayStore store,
        string projectId,
        DateTimeOffset now,
        TimeZoneInfo zone,
        OverviewChartKind chartKind,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(zone);
        var ranges = OverviewRanges.For(now, zone);

        Task<SpendResult> Run(DateTimeOffset from, DateTimeOffset to, string? groupBy, SpendInterval interval = SpendInterval.None) =>
            SpendQueries.RunAsync(
                store,
                projectId,
                new SpendQuery(from, to, groupBy is null ? [] : [SpendDimension.Parse(groupBy, "groupBy")], interval, []) { TimeZone = zone },
                ct);

        var today = Run(ranges.TodayStart, now, null);
        var yesterday = Run(ranges.YesterdayStart, ranges.YesterdayEnd, null);
        var previousMonth = Run(ranges.PreviousMonthStart, ranges.PreviousMonthEnd, null);
        var tops = TopDimensions.Select(t => Run(ranges.MonthStart, now, t.Dimension)).ToArray();
        var chartFrom = chartKind == OverviewChartKind.Hour ? HourAlignment.Ceiling(now) - HourChartSpan : ranges.MonthStart;
        var chartInterval = chartKind == OverviewChartKind.Hour ? SpendInterval.Hour : SpendInterval.Day;
        var chart = Run(chartFrom, now, "model", chartInterval);
        var forecast = SpendForecaster.ForecastAsync(store, projectId, SpendPeriod.CalendarMonth(now, zone), now, null, ct);
        await Task.WhenAll([today, yesterday, previousMonth, chart, forecast, .. tops]).ConfigureAwait(false);

        // Every top list covers the same month, so any of their totals is the month's total.
        var month = await tops[0].ConfigureAwait(false);
        var monthEvents = month.Rows.Sum(r => r.Events);
        var topLists = new List<TopList>(TopDimensions.Length);
        for (var i = 0; i < TopDimensions.Length; i++)
        {
            var (dimension, title, testId) = TopDimensions[i];
            var rows = (await tops[i].ConfigureAwait(false)).Rows;
            var items = rows.Take(TopCount)
                .Select(r => new TopItem(r.Dimensions.GetValueOrDefault(dimension), r.CostNanoUsd, r.Events, r.UnpricedEvents))
                .ToList();
            topLists.Add(new TopList(dimension, title, testId, items, month.TotalCostNanoUsd, Math.Max(0, rows.Count - TopCount)));
        }

        var buckets = ChartBuckets.Create(chartFrom, now, chartInterval, zone);
        var chartData = TimeChartBuilder.Build((await chart.ConfigureAwait(false)).Rows, "model", buckets, chartInterval, zone);
        return new OverviewReport(
            now,
            zone,
            new PeriodComparison(ranges.TodayStart, now, (await today.ConfigureAwait(false)).TotalCostNanoUsd, ranges.YesterdayStart, ranges.YesterdayEnd, (await yesterday.ConfigureAwait(false)).TotalCostNanoUsd),
            new PeriodComparison(ranges.MonthStart, now, month.TotalCostNanoUsd, ranges.PreviousMonthStart, ranges.PreviousMonthEnd, (await previousMonth.ConfigureAwait(false)).TotalCostNanoUsd),
            await forecast.ConfigureAwait(false),
            chartKind,
            chartData,
            topLists,
            monthEvents,
            month.UnpricedEvents);
    }
}
