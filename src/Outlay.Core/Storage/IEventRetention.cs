namespace Outlay.Core.Storage;

/// <summary>
/// The part of the storage contract that ages out raw events. Only raw events (and the engine's id ledger) go: the
/// hourly and daily rollups, price usage and credential activity keep every hour, so spend, budgets and the inventory
/// answer exactly as before. What is lost is what needs the raw rows: re-pricing those hours and exporting them.
/// </summary>
/// <remarks>
/// Dropping an event's id also forgets that it was seen, so a copy arriving later would be counted again. Callers
/// therefore never drop months that ingest still accepts: the server keeps raw events at least as long as its oldest
/// accepted timestamp (<c>EventLimits.MaxAge</c>, 400 days by default).
/// </remarks>
public interface IEventRetention
{
    /// <summary>
    /// Deletes the raw events of every project that occurred before <paramref name="monthStart"/>, which must be the
    /// first instant of a UTC month (engines that partition by month drop whole partitions); returns how many.
    /// Safe to repeat; concurrent appends of later months are unaffected.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="monthStart"/> is not midnight UTC on the first of a month.</exception>
    Task<long> DeleteEventsBeforeAsync(DateTimeOffset monthStart, CancellationToken cancellationToken = default);

    /// <summary>Throws unless <paramref name="monthStart"/> is 00:00:00 UTC on the first day of a month.</summary>
    /// <exception cref="ArgumentException">It is not.</exception>
    public static void ValidateMonthStart(DateTimeOffset monthStart)
    {
        var utc = monthStart.UtcDateTime;
        if (utc.Day != 1 || utc.TimeOfDay != TimeSpan.Zero)
        {
            throw new ArgumentException("Raw events are deleted by whole UTC months: give the first instant of a month (yyyy-MM-01T00:00:00Z).", nameof(monthStart));
        }
    }
}
