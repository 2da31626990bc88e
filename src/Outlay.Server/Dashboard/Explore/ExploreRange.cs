using System.Globalization;
using Outlay.Core.Querying;

namespace Outlay.Server.Dashboard.Explore;

/// <summary>The range presets of Explore, translated to instants in the viewer's zone.</summary>
internal static class ExploreRange
{
    public const string Default = "7d";

    public const string Custom = "custom";

    /// <summary>Preset values and their labels, in menu order.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Presets =
    [
        ("24h", "Last 24 hours"),
        ("7d", "Last 7 days"),
        ("30d", "Last 30 days"),
        ("mtd", "This month"),
        ("prev-month", "Previous month"),
        (Custom, "Custom dates"),
    ];

    /// <summary>
    /// [from, to) of <paramref name="preset"/> as of <paramref name="now"/>: rolling presets count back from now; months
    /// start at local midnight of the 1st; custom covers whole local days from <paramref name="fromDate"/> through
    /// <paramref name="toDate"/> (default today).
    /// </summary>
    /// <exception cref="SpendQueryException">Unknown preset or unreadable dates; the message names the parameter.</exception>
    public static (DateTimeOffset From, DateTimeOffset To) Resolve(string preset, string? fromDate, string? toDate, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = LocalTime.DayOf(now, zone);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        switch (preset)
        {
            case "24h":
                return (now - TimeSpan.FromHours(24), now);
            case "7d":
                return (now - TimeSpan.FromDays(7), now);
            case "30d":
                return (now - TimeSpan.FromDays(30), now);
            case "mtd":
                return (LocalTime.StartOfDay(monthStart, zone), now);
            case "prev-month":
                return (LocalTime.StartOfDay(monthStart.AddMonths(-1), zone), LocalTime.StartOfDay(monthStart, zone));
            case Custom:
                var first = ParseDate(fromDate, "from") ?? throw new SpendQueryException("from", "choose a start date for a custom range.");
                var last = ParseDate(toDate, "to") ?? today;
                if (last < first)
                {
                    throw new SpendQueryException("to", "the end date is before the start date.");
                }

                return (LocalTime.StartOfDay(first, zone), LocalTime.StartOfDay(last.AddDays(1), zone));
            default:
                throw new SpendQueryException("range", "use 24h, 7d, 30d, mtd, prev-month or custom.");
        }
    }

    private static DateOnly? ParseDate(string? text, string parameter)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (text.Length > 10 || !DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) || date.Year is < 1970 or > 9000)
        {
            throw new SpendQueryException(parameter, "expected a date as yyyy-MM-dd.");
        }

        return date;
    }
}
