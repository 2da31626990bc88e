namespace Outlay.Server.Dashboard.Overview;

/// <summary>Which spend-over-time chart the overview shows (<c>?chart=</c>).</summary>
internal enum OverviewChartKind
{
    /// <summary><c>day</c> (the default): this month by local day.</summary>
    Day,

    /// <summary><c>hour</c>: the last 48 hours by hour.</summary>
    Hour,
}
