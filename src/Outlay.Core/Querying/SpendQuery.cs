namespace Outlay.Core.Querying;

/// <summary>
/// A spend question: [From, To) in UTC, grouped by dimensions, optionally as a time series, filtered.
/// Rollups are hourly, so From and To are truncated to the hour.
/// </summary>
public sealed record SpendQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<SpendDimension> GroupBy,
    SpendInterval Interval,
    IReadOnlyList<SpendFilter> Filters);
