using System.Globalization;

namespace Outlay.Core.Querying;

/// <summary>Parses the <c>from</c>/<c>to</c> of a spend query: an ISO-8601 date or date-time, or a duration back from now.</summary>
internal static class SpendTimeParser
{
    /// <summary>Longest accepted text; longer input is refused before parsing.</summary>
    public const int MaxLength = 40;

    private static readonly TimeSpan MaxLookBack = TimeSpan.FromDays(3660);

    // Without an offset: a wall-clock time in the query's zone.
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    // With Z or an offset: an instant.
    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Parses <paramref name="text"/> with dates and times without an offset read as UTC.</summary>
    public static DateTimeOffset Parse(string text, string parameter, DateTimeOffset now) =>
        Parse(text, parameter, now, TimeZoneInfo.Utc);

    /// <summary>
    /// Parses <paramref name="text"/>; dates and times without an offset are wall-clock times in <paramref name="zone"/>.
    /// The error names <paramref name="parameter"/> and never echoes the value.
    /// </summary>
    public static DateTimeOffset Parse(string text, string parameter, DateTimeOffset now, TimeZoneInfo zone)
    {
        var trimmed = text.Trim();
        if (trimmed.Length is 0 or > MaxLength)
        {
            throw new SpendQueryException(parameter, "expected an ISO-8601 date or date-time, or a duration such as 30m, 24h, 7d or 4w.");
        }

        if (TryParseDuration(trimmed, out var back))
        {
            if (back > MaxLookBack)
            {
                throw new SpendQueryException(parameter, "the duration reaches too far back.");
            }

            return now.ToUniversalTime() - back;
        }

        if (DateTime.TryParseExact(trimmed, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (local.Year is < 1970 or > 9000)
            {
                throw new SpendQueryException(parameter, "the date is out of range.");
            }

            return LocalTime.ToInstant(local, zone).ToUniversalTime();
        }

        if (DateTimeOffset.TryParseExact(
                trimmed,
                OffsetFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var parsed))
        {
            // Keeps hour alignment and range arithmetic far from DateTimeOffset's limits.
            if (parsed.Year is < 1970 or > 9000)
            {
                throw new SpendQueryException(parameter, "the date is out of range.");
            }

            return parsed;
        }

        throw new SpendQueryException(parameter, "expected an ISO-8601 date or date-time (local to timeZone unless an offset is given), or a duration such as 30m, 24h, 7d or 4w.");
    }

    private static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        var unit = text[^1];
        var digits = text.AsSpan(0, text.Length - 1);
        if (digits.Length is 0 or > 6)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        var amount = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        duration = unit switch
        {
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            'w' => TimeSpan.FromDays(7L * amount),
            _ => TimeSpan.MinValue,
        };
        return duration != TimeSpan.MinValue;
    }
}
