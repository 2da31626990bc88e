namespace Outlay.Core.Querying;

/// <summary>
/// A spend question: [From, To) as instants, grouped by dimensions, optionally as a time series, filtered.
/// Rollups are hourly, so From and To are truncated to the hour.
/// </summary>
public sealed record SpendQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<SpendDimension> GroupBy,
    SpendInterval Interval,
    IReadOnlyList<SpendFilter> Filters)
{
    /// <summary>
    /// The zone whose local days <see cref="SpendInterval.Day"/> buckets follow and in which results show times.
    /// Default: <see cref="TimeZoneInfo.Utc"/>. Only <see cref="SpendQueries.RunAsync"/> applies it; a store ignores it.
    /// </summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>True when <see cref="TimeZone"/> is UTC or always agrees with it (offset zero, no daylight saving).</summary>
    public bool IsUtc => LocalTime.IsUtc(TimeZone);
}
