namespace Outlay.Core.Querying;

/// <summary>Aligns instants to whole UTC hours, the resolution of spend rollups.</summary>
public static class HourAlignment
{
    /// <summary>The start of the UTC hour containing <paramref name="instant"/>.</summary>
    public static DateTimeOffset Floor(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerHour), TimeSpan.Zero);
    }

    /// <summary><paramref name="instant"/> when it is already on a UTC hour, otherwise the start of the next hour.</summary>
    public static DateTimeOffset Ceiling(DateTimeOffset instant)
    {
        var floor = Floor(instant);
        return floor.UtcTicks == instant.UtcTicks ? floor : floor.AddHours(1);
    }
}
