namespace Outlay.Server.Dashboard.Overview;

/// <summary>
/// Spend in [<see cref="Start"/>, <see cref="End"/>) against the same elapsed span of the previous period
/// [<see cref="PreviousStart"/>, <see cref="PreviousEnd"/>). Instants are UTC; rollups are hourly, so each range is
/// read widened to whole hours.
/// </summary>
internal sealed record PeriodComparison(
    DateTimeOffset Start,
    DateTimeOffset End,
    long CurrentNanoUsd,
    DateTimeOffset PreviousStart,
    DateTimeOffset PreviousEnd,
    long PreviousNanoUsd)
{
    /// <summary>Percent change against the previous span, one decimal; null when the previous span spent nothing.</summary>
    public decimal? PercentChange =>
        PreviousNanoUsd == 0 ? null : Math.Round((CurrentNanoUsd - PreviousNanoUsd) * 100m / PreviousNanoUsd, 1, MidpointRounding.AwayFromZero);
}
