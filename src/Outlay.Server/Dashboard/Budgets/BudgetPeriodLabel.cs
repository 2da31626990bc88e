using System.Globalization;
using Outlay.Core.Budgets;
using Outlay.Core.Forecasting;

namespace Outlay.Server.Dashboard.Budgets;

/// <summary>Describes a budget's period for people: its kind, its zone, and the current bounds in the viewer's zone.</summary>
internal static class BudgetPeriodLabel
{
    /// <summary>E.g. <c>Calendar month, Europe/Berlin — Nov 1 00:00 to Dec 1 00:00</c>; the bounds are shown in <paramref name="viewer"/>.</summary>
    public static string Describe(BudgetPeriod period, SpendPeriod current, TimeZoneInfo viewer)
    {
        var kind = period.Kind switch
        {
            BudgetPeriodKind.Day => "Calendar day, " + period.TimeZoneId,
            BudgetPeriodKind.Week => "Calendar week (Monday first), " + period.TimeZoneId,
            BudgetPeriodKind.Month => "Calendar month, " + period.TimeZoneId,
            BudgetPeriodKind.Quarter => "Calendar quarter, " + period.TimeZoneId,
            _ => string.Create(CultureInfo.InvariantCulture, $"Rolling {period.RollingHours}-hour window"),
        };
        return period.UnknownTimeZoneId is null
            ? kind + " — " + Local(current.Start, viewer) + " to " + Local(current.End, viewer)
            : kind + " (not known on this server)";
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo viewer) =>
        TimeZoneInfo.ConvertTime(instant, viewer).ToString("MMM d HH:mm", CultureInfo.InvariantCulture);
}
