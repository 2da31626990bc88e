namespace Outlay.Core.Querying;

/// <summary>Conversions between instants and local wall-clock times of a <see cref="TimeZoneInfo"/>.</summary>
public static class LocalTime
{
    /// <summary>True when <paramref name="zone"/> is UTC or always agrees with it (offset zero, no daylight saving).</summary>
    public static bool IsUtc(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return ReferenceEquals(zone, TimeZoneInfo.Utc) || (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime);
    }

    /// <summary>The local calendar day of <paramref name="zone"/> that contains <paramref name="instant"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The first instant of local <paramref name="day"/>, written with that moment's offset (e.g. <c>2026-11-23T00:00:00+01:00</c>).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone) =>
        ToInstant(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);

    /// <summary>
    /// The instant a wall-clock time denotes in <paramref name="zone"/>, with that instant's offset. A time skipped by a
    /// daylight-saving jump is read with the offset before the jump (02:30 on a spring-forward night becomes 03:30 summer
    /// time); a time that occurs twice is the earlier occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(wall))
        {
            // Offset in force just before the gap; the resulting instant lies just after it.
            offset = zone.GetUtcOffset(wall.AddHours(-3));
            var instant = new DateTimeOffset(wall, offset);
            return TimeZoneInfo.ConvertTime(instant, zone);
        }

        if (zone.IsAmbiguousTime(wall))
        {
            offset = zone.GetAmbiguousTimeOffsets(wall).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(wall);
        }

        return new DateTimeOffset(wall, offset);
    }
}
