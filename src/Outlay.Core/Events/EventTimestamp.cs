using System.Globalization;
using System.Text.Json;

namespace Outlay.Core.Events;

/// <summary>
/// The <c>timestamp</c> field: ISO-8601 with an explicit offset or Z, not far in the future, not too old; returned in
/// UTC. Fractions beyond 100 ns (e.g. nanoseconds from Go or Python clients) are truncated.
/// </summary>
internal static class EventTimestamp
{
    private const string Expected = "must be an ISO-8601 date and time with an offset or Z, e.g. 2026-11-23T10:15:02.123Z";

    public static DateTimeOffset? Read(ref Utf8JsonReader reader, DateTimeOffset now, EventLimits limits, EventIssues issues)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            issues.Refuse("timestamp", Expected);
            EventValueReader.Screen(ref reader, "timestamp", issues);
            return null;
        }

        var text = reader.GetString()!;

        // The reader's ISO-8601 parser is strict but assumes the local offset when none is given; an event's instant
        // must not depend on the server's time zone, so the offset is required.
        if (!HasExplicitOffset(text) || !reader.TryGetDateTimeOffset(out var timestamp))
        {
            issues.Screen("timestamp", text);
            issues.Refuse("timestamp", Expected);
            return null;
        }

        if (timestamp > now + limits.MaxFutureSkew)
        {
            issues.Refuse("timestamp", $"is more than {Describe(limits.MaxFutureSkew)} ahead of the server's clock");
            return null;
        }

        if (timestamp < now - limits.MaxAge)
        {
            issues.Refuse("timestamp", $"is more than {Describe(limits.MaxAge)} old");
            return null;
        }

        // Stored and bucketed in UTC; the instant is unchanged.
        return timestamp.ToUniversalTime();
    }

    private static bool HasExplicitOffset(string text) =>
        text.Length > 16 && text[10] == 'T' &&
        (text[^1] == 'Z' || (text[^6] is '+' or '-' && text[^3] == ':'));

    private static string Describe(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.Ticks % TimeSpan.TicksPerDay == 0 => Plural((long)span.TotalDays, "day"),
        { TotalHours: >= 1 } when span.Ticks % TimeSpan.TicksPerHour == 0 => Plural((long)span.TotalHours, "hour"),
        { TotalMinutes: >= 1 } when span.Ticks % TimeSpan.TicksPerMinute == 0 => Plural((long)span.TotalMinutes, "minute"),
        _ => Plural((long)Math.Ceiling(span.TotalSeconds), "second"),
    };

    private static string Plural(long count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? string.Empty : "s")}");
}
