using Outlay.Core.Forecasting;
using Outlay.Core.Querying;

namespace Outlay.Core.Budgets;

/// <summary>The period a budget is measured over at a given instant.</summary>
public static class BudgetPeriodCalculator
{
    /// <summary>
    /// The current period, [Start, End). Calendar periods are local days, weeks (Monday to Sunday), months or quarters
    /// (January, April, July, October) of the budget's zone: each starts at its first local midnight with that
    /// moment's offset, so a month that crosses a daylight-saving change is one hour shorter or longer in real time.
    /// A rolling window of N hours is the N whole hourly rollups ending with the current hour: [⌈now⌉ − N h, ⌈now⌉),
    /// where ⌈now⌉ is <paramref name="now"/> rounded up to the hour. That is [now − N h, now) as closely as hourly
    /// rollups allow; the current hour counts with what it holds so far.
    /// </summary>
    public static SpendPeriod Current(BudgetPeriod period, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.UnknownTimeZoneId is { } unknown)
        {
            // UTC is only a placeholder for an unknown zone; measuring in it would put the boundaries in the wrong place.
            throw new InvalidOperationException($"time zone {unknown} is not known on this server");
        }

        var zone = period.TimeZone;
        switch (period.Kind)
        {
            case BudgetPeriodKind.Day:
                return SpendPeriod.CalendarDay(now, zone);
            case BudgetPeriodKind.Week:
            {
                var today = LocalTime.DayOf(now, zone);
                var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
                return new SpendPeriod(LocalTime.StartOfDay(monday, zone), LocalTime.StartOfDay(monday.AddDays(7), zone), "Week");
            }

            case BudgetPeriodKind.Month:
                return SpendPeriod.CalendarMonth(now, zone);
            case BudgetPeriodKind.Quarter:
            {
                var today = LocalTime.DayOf(now, zone);
                var first = new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1);
                return new SpendPeriod(LocalTime.StartOfDay(first, zone), LocalTime.StartOfDay(first.AddMonths(3), zone), "Quarter");
            }

            default:
            {
                var end = HourAlignment.Ceiling(now);
                var hours = period.RollingHours ?? throw new ArgumentException("A rolling period needs RollingHours.", nameof(period));
                return new SpendPeriod(end.AddHours(-hours), end, "Window");
            }
        }
    }
}
