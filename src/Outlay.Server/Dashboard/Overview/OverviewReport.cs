using Outlay.Core.Forecasting;
using Outlay.Server.Dashboard.Charts;

namespace Outlay.Server.Dashboard.Overview;

/// <summary>Every number the overview page shows, computed in the viewer's time zone as of <see cref="Now"/>.</summary>
internal sealed record OverviewReport(
    DateTimeOffset Now,
    TimeZoneInfo Zone,
    PeriodComparison Today,
    PeriodComparison Month,
    SpendForecast? Forecast,
    OverviewChartKind ChartKind,
    TimeChartData Chart,
    IReadOnlyList<TopList> TopLists,
    long MonthEvents,
    long MonthUnpricedEvents)
{
    /// <summary>False when the project has never recorded an event (the forecast found no history and the month is empty).</summary>
    public bool HasEvents => Forecast is not null || MonthEvents > 0 || Today.CurrentNanoUsd > 0;
}
