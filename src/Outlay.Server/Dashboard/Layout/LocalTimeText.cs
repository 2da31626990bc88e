using System.Globalization;
using Outlay.Server.Dashboard.Html;

namespace Outlay.Server.Dashboard.Layout;

/// <summary>An instant as the dashboard shows it: minutes, in the viewer's time zone (which the layout names).</summary>
internal static class LocalTimeText
{
    /// <summary><c>2026-11-23 14:05</c> in <paramref name="zone"/>.</summary>
    public static string Text(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A <c>&lt;time&gt;</c> element with the local text and the exact instant in <c>datetime</c>.</summary>
    public static HtmlBuilder Element(HtmlBuilder html, DateTimeOffset instant, TimeZoneInfo zone) =>
        html.Element("time", Text(instant, zone), ("datetime", instant.ToString("O", CultureInfo.InvariantCulture)));
}
