using Outlay.Core.Querying;

namespace Outlay.Core.Forecasting;

/// <summary>A span of time spend is forecast over, [Start, End), with a name for sentences ("Month", "Week", "Day").</summary>
public sealed record SpendPeriod(DateTimeOffset Start, DateTimeOffset End, string Name)
{
    /// <summary>The local calendar month of <paramref name="zone"/> that contains <paramref name="now"/>, named "Month".</summary>
    public static SpendPeriod CalendarMonth(DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = LocalTime.DayOf(now, zone);
        var first = new DateOnly(today.Year, today.Month, 1);
        return new SpendPeriod(LocalTime.StartOfDay(first, zone), LocalTime.StartOfDay(first.AddMonths(1), zone), "Month");
    }

    /// <summary>The local calendar day of <paramref name="zone"/> that contains <paramref name="now"/>, named "Day".</summary>
    public static SpendPeriod CalendarDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = LocalTime.DayOf(now, zone);
        return new SpendPeriod(LocalTime.StartOfDay(today, zone), LocalTime.StartOfDay(today.AddDays(1), zone), "Day");
    }
}
