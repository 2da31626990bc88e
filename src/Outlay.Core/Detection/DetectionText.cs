using System.Globalization;
using Outlay.Core.Findings;
using Outlay.Core.Querying;

namespace Outlay.Core.Detection;

/// <summary>The words and identities detectors share: hours, ratios, and limits on what a finding may hold.</summary>
internal static class DetectionText
{
    /// <summary>The start of the UTC hour holding <paramref name="at"/>.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary><c>2026-11-23T09</c>: an hour in a fingerprint.</summary>
    public static string HourKey(DateTimeOffset hour) => hour.UtcDateTime.ToString("yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture);

    /// <summary><c>Mon 2026-11-23 09:00–10:00 UTC</c>.</summary>
    public static string HourSpan(DateTimeOffset hour) =>
        hour.UtcDateTime.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "–" +
        hour.AddHours(1).UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary><c>2026-11-23 09:41 UTC</c>.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A ratio for people: <c>12.5×</c>, or <c>far above</c> when the base is zero.</summary>
    public static string Ratio(decimal observed, decimal expected) =>
        expected <= 0 ? "far above" : decimal.Round(observed / expected, 1, MidpointRounding.AwayFromZero).ToString("#,##0.#", CultureInfo.InvariantCulture) + "×";

    /// <summary>A decimal for people with at most one decimal: <c>1,234.5</c>.</summary>
    public static string Number(decimal value) => decimal.Round(value, 1, MidpointRounding.AwayFromZero).ToString("#,##0.#", CultureInfo.InvariantCulture);

    /// <summary>Money per hour: <c>$1.20/h</c>.</summary>
    public static string PerHour(long nanoUsd) => UsdText.FormatNano(nanoUsd) + "/h";

    /// <summary>A span for people: <c>2 hours</c>, <c>90 minutes</c>, <c>7 days</c>.</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 && span.Ticks % TimeSpan.TicksPerDay == 0 ? Plural((long)span.TotalDays, "day")
        : span.TotalHours >= 1 && span.Ticks % TimeSpan.TicksPerHour == 0 ? Plural((long)span.TotalHours, "hour")
        : Plural((long)Math.Ceiling(span.TotalMinutes), "minute");

    private static string Plural(long count, string unit) => count == 1 ? $"1 {unit}" : $"{count.ToString(CultureInfo.InvariantCulture)} {unit}s";

    /// <summary>A place column for people: <c>(unset)</c> when empty.</summary>
    public static string Shown(string value) => value.Length == 0 ? "(unset)" : value;

    /// <summary>A place column for a <see cref="FindingPlace"/>: null when empty.</summary>
    public static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>An observation with its texts clipped to the limits a finding has (values are bounded at ingest; this is a last guard).</summary>
    public static FindingObservation Bounded(FindingObservation observation) => observation with
    {
        Fingerprint = Clip(observation.Fingerprint, FindingObservation.MaxIdentityLength),
        Subject = Clip(observation.Subject, FindingObservation.MaxIdentityLength),
        Summary = Clip(observation.Summary, FindingObservation.MaxSummaryLength),
        Detail = Clip(observation.Detail, FindingObservation.MaxDetailLength),
    };

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
