using Outlay.Core.Forecasting;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Overview;

namespace Outlay.LoadTest.Dashboard;

/// <summary>The work the benchmark times: the overview's queries one by one and together, and a few explore views.</summary>
internal static class BenchQueries
{
    /// <summary>
    /// The overview's spend questions as <see cref="OverviewReportBuilder"/> asks them (UTC): today, yesterday so far,
    /// the previous month so far, the month's top features, customers, services and key labels, the chart by model
    /// (per day this month, per hour over 48 hours, and per local day in Europe/Berlin), the month's forecast; then the
    /// whole report, whose queries run concurrently.
    /// </summary>
    public static IReadOnlyList<TimedQuery> Overview(IOutlayStore store, string projectId)
    {
        TimedQuery Spend(string name, Func<DateTimeOffset, OverviewRanges, (DateTimeOffset From, DateTimeOffset To)> range, string? groupBy, SpendInterval interval = SpendInterval.None, string? zone = null) =>
            new(name, async ct =>
            {
                var now = DateTimeOffset.UtcNow;
                var timeZone = SpendQueryParser.ParseTimeZone(zone);
                var (from, to) = range(now, OverviewRanges.For(now, timeZone));
                var query = new SpendQuery(from, to, groupBy is null ? [] : [SpendDimension.Parse(groupBy, "groupBy")], interval, []) { TimeZone = timeZone };
                return (await SpendQueries.RunAsync(store, projectId, query, ct).ConfigureAwait(false)).Rows.Count;
            });

        TimedQuery Report(string name, string zone, OverviewChartKind chart) =>
            new(name, async ct =>
            {
                var report = await OverviewReportBuilder.BuildAsync(store, projectId, DateTimeOffset.UtcNow, SpendQueryParser.ParseTimeZone(zone), chart, ct).ConfigureAwait(false);
                return report.TopLists.Sum(t => t.Items.Count);
            });

        return
        [
            Spend("today", (now, r) => (r.TodayStart, now), null),
            Spend("yesterday so far", (_, r) => (r.YesterdayStart, r.YesterdayEnd), null),
            Spend("previous month so far", (_, r) => (r.PreviousMonthStart, r.PreviousMonthEnd), null),
            Spend("top features (month)", (now, r) => (r.MonthStart, now), "tag.feature"),
            Spend("top customers (month)", (now, r) => (r.MonthStart, now), "tag.customer"),
            Spend("top services (month)", (now, r) => (r.MonthStart, now), "service"),
            Spend("top key labels (month)", (now, r) => (r.MonthStart, now), "key_label"),
            Spend("chart: model × day (month)", (now, r) => (r.MonthStart, now), "model", SpendInterval.Day),
            Spend("chart: model × hour (48h)", (now, _) => (HourAlignment.Ceiling(now) - OverviewReportBuilder.HourChartSpan, now), "model", SpendInterval.Hour),
            Spend("chart: model × day (month), Europe/Berlin", (now, r) => (r.MonthStart, now), "model", SpendInterval.Day, "Europe/Berlin"),
            new("forecast (SpendForecaster, month)", async ct =>
            {
                var now = DateTimeOffset.UtcNow;
                var forecast = await SpendForecaster.ForecastAsync(store, projectId, SpendPeriod.CalendarMonth(now, TimeZoneInfo.Utc), now, null, ct).ConfigureAwait(false);
                return forecast is null ? 0 : 1;
            }),
            Report("whole overview report (UTC, day chart)", "UTC", OverviewChartKind.Day),
            Report("whole overview report (Europe/Berlin, day chart)", "Europe/Berlin", OverviewChartKind.Day),
        ];
    }

    /// <summary>Explore views: by model per day over 30 days, by customer over 30 days, and a filtered two-dimension view.</summary>
    public static IReadOnlyList<BenchQuery> Explore() =>
    [
        new("explore: model × day, 30d", "30d", null, "model", "day", []),
        new("explore: tag.customer, 30d", "30d", null, "tag.customer", null, []),
        new("explore: feature × model, prod + checkout-api, 30d", "30d", null, "tag.feature,model", null, ["environment:prod", "service:checkout-api"]),
        new("explore: tag.customer × day, 3 customers, 7d", "7d", null, "tag.customer", "day", ["tag.customer:cust-0001|cust-0002|cust-0003"]),
    ];

    public static TimedQuery Timed(BenchQuery query, IOutlayStore store, string projectId) =>
        new(query.Name, async ct =>
            (await SpendQueries.RunAsync(store, projectId, query.Parse(DateTimeOffset.UtcNow), ct).ConfigureAwait(false)).Rows.Count);
}
