using Outlay.Core.Querying;

namespace Outlay.Server.Reconciliation;

/// <summary>
/// The days a reconciliation report covers, read like a spend query's range (ISO dates or date-times, or a duration
/// back from now such as <c>7d</c>; default the last 7 days; at most 400 days) and widened to whole UTC days.
/// </summary>
internal static class ReconciliationRange
{
    /// <summary>[from, to) as UTC day starts.</summary>
    /// <exception cref="SpendQueryException">A bound cannot be understood or the range is too long; the message names it.</exception>
    public static (DateTimeOffset From, DateTimeOffset To) Parse(string? from, string? to, DateTimeOffset now)
    {
        var query = SpendQueryParser.Parse(from, to, groupBy: null, interval: null, filters: null, now);
        var start = DayOf(query.From);
        var end = DayOf(query.To);
        return (start, end < query.To ? end.AddDays(1) : end);
    }

    private static DateTimeOffset DayOf(DateTimeOffset instant) => new(instant.UtcDateTime.Date, TimeSpan.Zero);
}
