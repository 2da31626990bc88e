using System.Globalization;

namespace Outlay.Sdk.Internal;

/// <summary>Reads an HTTP <c>Retry-After</c> value: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).</summary>
internal static class RetryAfterHeader
{
    /// <summary>The wait the header asks for, relative to <paramref name="now"/>; never negative. False when absent or unreadable.</summary>
    public static bool TryParse(string? value, DateTimeOffset now, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.AsSpan().Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            delay = TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.FromDays(1).TotalSeconds));
            return true;
        }

        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            delay = wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            return true;
        }

        return false;
    }
}
