namespace Outlay.Core.Querying;

/// <summary>
/// Turns the text parameters of a spend question (HTTP query string or CLI options) into a <see cref="SpendQuery"/>,
/// so the API and the CLI answer the same question the same way. Parameter names in errors:
/// <c>from</c>, <c>to</c>, <c>groupBy</c>, <c>interval</c>, <c>filter</c>, <c>timeZone</c>.
/// </summary>
public static class SpendQueryParser
{
    /// <summary>Default look-back from <c>to</c> when <c>from</c> is omitted: 7 days.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(7);

    /// <summary>Longest range a query may cover: 400 days.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    /// <summary>Most group-by dimensions: 6.</summary>
    public const int MaxGroupBy = 6;

    /// <summary>Most filters: 20.</summary>
    public const int MaxFilters = 20;

    /// <summary>Most values in one filter: 50.</summary>
    public const int MaxFilterValues = 50;

    /// <summary>Longest filter value: 256 characters.</summary>
    public const int MaxFilterValueLength = 256;

    /// <summary>Longest time-zone id: 64 characters.</summary>
    public const int MaxTimeZoneLength = 64;

    private const int MaxGroupByLength = 6 * (4 + TagKeyPattern.MaxLength + 1);

    /// <summary>
    /// Parses a spend question. <paramref name="to"/> defaults to <paramref name="now"/> and <paramref name="from"/> to
    /// 7 days before <c>to</c>; both accept ISO-8601 dates or date-times (wall-clock times in <paramref name="timeZone"/>
    /// unless an offset or <c>Z</c> is given) or a duration back from now
    /// (<c>30m</c>, <c>24h</c>, <c>7d</c>, <c>4w</c>). Because spend is stored in hourly rollups, the result's From is
    /// truncated to the hour and To rounded up to the hour. <paramref name="groupBy"/> is a comma-separated list of
    /// dimensions; <paramref name="interval"/> is <c>hour</c>, <c>day</c> or empty; each filter is
    /// <c>dimension:value</c> or <c>dimension:v1|v2</c>. <paramref name="timeZone"/> is an IANA id such as
    /// <c>Europe/Berlin</c> (default UTC): day buckets are its local days and results show its offsets.
    /// </summary>
    /// <exception cref="SpendQueryException">A parameter cannot be understood; the message names it.</exception>
    public static SpendQuery Parse(
        string? from,
        string? to,
        string? groupBy,
        string? interval,
        IReadOnlyList<string>? filters,
        DateTimeOffset now,
        string? timeZone = null)
    {
        var zone = ParseTimeZone(timeZone);
        var utcNow = now.ToUniversalTime();
        var end = string.IsNullOrWhiteSpace(to) ? utcNow : SpendTimeParser.Parse(to, "to", utcNow, zone);
        var start = string.IsNullOrWhiteSpace(from) ? end - DefaultRange : SpendTimeParser.Parse(from, "from", utcNow, zone);
        start = HourAlignment.Floor(start);
        end = HourAlignment.Ceiling(end);
        if (end <= start)
        {
            throw new SpendQueryException("to", "must be later than from.");
        }

        if (end - start > MaxRange)
        {
            throw new SpendQueryException("from", $"the range may cover at most {MaxRange.TotalDays:0} days.");
        }

        return new SpendQuery(start, end, ParseGroupBy(groupBy), ParseInterval(interval), ParseFilters(filters)) { TimeZone = zone };
    }

    /// <summary>
    /// Resolves an IANA time-zone id (≤ <see cref="MaxTimeZoneLength"/> characters of <c>[A-Za-z0-9/_+-]</c>); null or
    /// blank is UTC. Throws <see cref="SpendQueryException"/> naming <c>timeZone</c> when unknown.
    /// </summary>
    public static TimeZoneInfo ParseTimeZone(string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            return TimeZoneInfo.Utc;
        }

        var id = timeZone.Trim();
        if (id.Length > MaxTimeZoneLength || !IsZoneIdText(id))
        {
            throw new SpendQueryException("timeZone", "expected an IANA time-zone id such as Europe/Berlin or UTC.");
        }

        if (string.Equals(id, "UTC", StringComparison.Ordinal))
        {
            return TimeZoneInfo.Utc;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            throw new SpendQueryException("timeZone", "unknown time zone; expected an IANA id such as Europe/Berlin or UTC.");
        }

        return zone;
    }

    // The id becomes a path under the zoneinfo directory, so only the characters IANA ids use, and no "..".
    private static bool IsZoneIdText(string id)
    {
        if (id.Contains("..", StringComparison.Ordinal) || id[0] == '/')
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z' || c is >= '0' and <= '9' || c is '/' or '_' or '+' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static List<SpendDimension> ParseGroupBy(string? groupBy)
    {
        var dimensions = new List<SpendDimension>();
        if (string.IsNullOrWhiteSpace(groupBy))
        {
            return dimensions;
        }

        if (groupBy.Length > MaxGroupByLength)
        {
            throw new SpendQueryException("groupBy", $"at most {MaxGroupBy} dimensions.");
        }

        foreach (var part in groupBy.Split(','))
        {
            if (string.IsNullOrWhiteSpace(part))
            {
                throw new SpendQueryException("groupBy", "empty dimension in the list.");
            }

            var dimension = SpendDimension.Parse(part, "groupBy");
            if (dimensions.Exists(d => string.Equals(d.Name, dimension.Name, StringComparison.Ordinal)))
            {
                throw new SpendQueryException("groupBy", "a dimension is listed twice.");
            }

            dimensions.Add(dimension);
            if (dimensions.Count > MaxGroupBy)
            {
                throw new SpendQueryException("groupBy", $"at most {MaxGroupBy} dimensions.");
            }
        }

        return dimensions;
    }

    private static SpendInterval ParseInterval(string? interval)
    {
        var trimmed = interval?.Trim();
        return trimmed switch
        {
            null or "" => SpendInterval.None,
            "hour" => SpendInterval.Hour,
            "day" => SpendInterval.Day,
            _ => throw new SpendQueryException("interval", "use hour, day or leave it empty."),
        };
    }

    private static List<SpendFilter> ParseFilters(IReadOnlyList<string>? filters)
    {
        var parsed = new List<SpendFilter>();
        if (filters is null)
        {
            return parsed;
        }

        if (filters.Count > MaxFilters)
        {
            throw new SpendQueryException("filter", $"at most {MaxFilters} filters.");
        }

        foreach (var filter in filters)
        {
            parsed.Add(ParseFilter(filter));
        }

        return parsed;
    }

    private static SpendFilter ParseFilter(string? filter)
    {
        var colon = filter?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (filter is null || colon <= 0)
        {
            throw new SpendQueryException("filter", "expected dimension:value or dimension:value1|value2.");
        }

        if (filter.Length > 4 + TagKeyPattern.MaxLength + 1 + (MaxFilterValues * (MaxFilterValueLength + 1)))
        {
            throw new SpendQueryException("filter", "too long.");
        }

        var dimension = SpendDimension.Parse(filter[..colon], "filter");
        var values = filter[(colon + 1)..].Split('|');
        if (values.Length > MaxFilterValues)
        {
            throw new SpendQueryException("filter", $"at most {MaxFilterValues} values per filter.");
        }

        foreach (var value in values)
        {
            if (value.Length == 0)
            {
                throw new SpendQueryException("filter", "empty value.");
            }

            if (value.Length > MaxFilterValueLength)
            {
                throw new SpendQueryException("filter", $"values are at most {MaxFilterValueLength} characters.");
            }
        }

        return new SpendFilter(dimension, values);
    }
}
