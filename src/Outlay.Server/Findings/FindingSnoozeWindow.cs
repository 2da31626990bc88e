using System.Globalization;

namespace Outlay.Server.Findings;

/// <summary>
/// Turns a snooze request into the instant it ends, the same way for the API, the dashboard and the CLI: a length such
/// as <c>30m</c>, <c>24h</c>, <c>7d</c> or <c>2w</c>, or an instant (ISO 8601; UTC when it has no offset). A snooze
/// lasts at least one minute and at most <see cref="MaxLength"/>.
/// </summary>
internal static class FindingSnoozeWindow
{
    /// <summary>Longest snooze: 90 days, so nothing is silenced and forgotten.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(90);

    /// <summary>Shortest snooze: one minute.</summary>
    public static readonly TimeSpan MinLength = TimeSpan.FromMinutes(1);

    private const int MaxTextLength = 64;

    /// <summary>The end of a snooze of <paramref name="length"/> from <paramref name="now"/>.</summary>
    /// <exception cref="FindingSnoozeException">Not a whole number followed by m, h, d or w, or outside 1 minute to 90 days.</exception>
    public static DateTimeOffset EndAfter(string? length, DateTimeOffset now)
    {
        var text = length?.Trim() ?? string.Empty;
        if (text.Length < 2 || text.Length > MaxTextLength
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new FindingSnoozeException("for: expected a whole number of minutes, hours, days or weeks such as 30m, 24h, 7d or 2w.");
        }

        var minutes = char.ToLowerInvariant(text[^1]) switch
        {
            'm' => 1L,
            'h' => 60L,
            'd' => 60L * 24,
            'w' => 60L * 24 * 7,
            _ => throw new FindingSnoozeException("for: expected a whole number of minutes, hours, days or weeks such as 30m, 24h, 7d or 2w."),
        };

        // Compared in minutes before any TimeSpan is built, so a huge count cannot overflow.
        if (count < 1 || count > (long)MaxLength.TotalMinutes / minutes)
        {
            throw new FindingSnoozeException("for: a snooze lasts from 1 minute to 90 days.");
        }

        return now + TimeSpan.FromMinutes(count * minutes);
    }

    /// <summary>The snooze end written as <paramref name="instant"/>, checked against <paramref name="now"/>.</summary>
    /// <exception cref="FindingSnoozeException">Not an ISO 8601 instant, not in the future, or more than 90 days ahead.</exception>
    public static DateTimeOffset EndAt(string? instant, DateTimeOffset now)
    {
        var text = instant?.Trim() ?? string.Empty;
        if (text.Length == 0 || text.Length > MaxTextLength
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var until))
        {
            throw new FindingSnoozeException("until: expected an ISO 8601 instant such as 2026-12-01T09:00:00Z.");
        }

        if (until < now + MinLength)
        {
            throw new FindingSnoozeException("until: must be at least a minute from now; to end a snooze send until null (API) or reopen.");
        }

        if (until > now + MaxLength)
        {
            throw new FindingSnoozeException("until: a snooze lasts at most 90 days.");
        }

        return until.ToUniversalTime();
    }
}
