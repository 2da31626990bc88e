using System.Globalization;
using System.Text.Json;
using Outlay.Core.Pricing;

namespace Outlay.Core.Querying;

/// <summary>The one JSON shape of a spend result, shared by the HTTP API and the CLI's <c>--json</c> output.</summary>
public static class SpendResultJson
{
    /// <summary>
    /// Writes <c>{"from","to","time_zone","rows":[…],"total_cost_usd","unpriced_events"}</c>; from/to are the whole-hour
    /// range summed. Each row holds the group-by values (null when unset), <c>bucket</c> only for a time series, and the
    /// sums. Money is written as an exact decimal. Instants are UTC with <c>Z</c> when the query's zone is UTC, otherwise
    /// they carry the zone's offset at that instant (<c>2026-11-23T00:00:00+01:00</c>); <c>time_zone</c> is the zone's id.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, SpendResult result, SpendQuery query)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(query);

        writer.WriteStartObject();
        // The range actually summed: rollups are hourly, so it is widened to whole hours.
        writer.WriteString("from", FormatInstant(HourAlignment.Floor(query.From), query.TimeZone));
        writer.WriteString("to", FormatInstant(HourAlignment.Ceiling(query.To), query.TimeZone));
        writer.WriteString("time_zone", TimeZoneId(query.TimeZone));
        writer.WriteStartArray("rows");
        foreach (var row in result.Rows)
        {
            WriteRow(writer, row, query);
        }

        writer.WriteEndArray();
        writer.WriteNumber("total_cost_usd", NanoUsd.ToUsd(result.TotalCostNanoUsd));
        writer.WriteNumber("unpriced_events", result.UnpricedEvents);
        writer.WriteEndObject();
    }

    /// <summary>UTC, second precision, <c>Z</c> suffix: <c>2026-11-23T10:00:00Z</c>.</summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Second precision in <paramref name="zone"/>: <c>2026-11-23T00:00:00+01:00</c>, or the UTC <c>Z</c> form when the
    /// zone is UTC.
    /// </summary>
    public static string FormatInstant(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (LocalTime.IsUtc(zone))
        {
            return FormatInstant(instant);
        }

        return TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>The id written as <c>time_zone</c>: <c>UTC</c> for <see cref="TimeZoneInfo.Utc"/>, else the zone's id.</summary>
    public static string TimeZoneId(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return ReferenceEquals(zone, TimeZoneInfo.Utc) ? "UTC" : zone.Id;
    }

    private static void WriteRow(Utf8JsonWriter writer, SpendRow row, SpendQuery query)
    {
        writer.WriteStartObject();
        foreach (var dimension in query.GroupBy)
        {
            if (row.Dimensions.TryGetValue(dimension.Name, out var value) && value is not null)
            {
                writer.WriteString(dimension.Name, value);
            }
            else
            {
                writer.WriteNull(dimension.Name);
            }
        }

        if (query.Interval != SpendInterval.None && row.Bucket is { } bucket)
        {
            writer.WriteString("bucket", FormatInstant(bucket, query.TimeZone));
        }

        writer.WriteNumber("cost_usd", NanoUsd.ToUsd(row.CostNanoUsd));
        writer.WriteNumber("events", row.Events);
        writer.WriteNumber("input_tokens", row.InputTokens);
        writer.WriteNumber("output_tokens", row.OutputTokens);
        writer.WriteNumber("cache_read_tokens", row.CacheReadTokens);
        writer.WriteNumber("cache_write_tokens", row.CacheWriteTokens);
        writer.WriteNumber("reasoning_tokens", row.ReasoningTokens);
        writer.WriteNumber("unpriced_events", row.UnpricedEvents);
        writer.WriteEndObject();
    }
}
