using Outlay.Core.Querying;

namespace Outlay.Server.Dashboard.Overview;

/// <summary>
/// The overview's periods in the viewer's zone: today from local midnight, yesterday up to the same elapsed time,
/// this month from the local first, and the previous month up to the same elapsed time (never past its own end).
/// </summary>
internal sealed record OverviewRanges(
    DateTimeOffset TodayStart,
    DateTimeOffset YesterdayStart,
    DateTimeOffset YesterdayEnd,
    DateTimeOffset MonthStart,
    DateTimeOffset PreviousMonthStart,
    DateTimeOffset PreviousMonthEnd)
{
    public static OverviewRanges For(DateTimeOffset now, TimeZoneInfo zone)
    {
        var day = LocalTime.DayOf(now, zone);
        var todayStart = LocalTime.StartOfDay(day, zone);
        var yesterdayStart = LocalTime.StartOfDay(day.AddDays(-1), zone);
        var first = new DateOnly(day.Year, day.Month, 1);
        var monthStart = LocalTime.StartOfDay(first, zone);
        var previousMonthStart = LocalTime.StartOfDay(first.AddMonths(-1), zone);
        return new OverviewRanges(
            todayStart,
            yesterdayStart,
            Min(yesterdayStart + (now - todayStart), todayStart),
            monthStart,
            previousMonthStart,
            Min(previousMonthStart + (now - monthStart), monthStart));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
