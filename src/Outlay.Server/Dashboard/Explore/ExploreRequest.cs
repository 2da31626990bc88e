using System.Text;
using Microsoft.AspNetCore.Http;
using Outlay.Core.Querying;

namespace Outlay.Server.Dashboard.Explore;

/// <summary>
/// The view Explore shows, read from the query string and written back as one canonical URL, so a link reproduces
/// the view exactly. Parameters: <c>by</c> (repeatable, at most 2; <c>by_tag</c> adds <c>tag.&lt;key&gt;</c>),
/// <c>filter=dimension:value</c> (repeatable; <c>fdim</c> + <c>fval</c> add one), <c>range</c> (a preset, default
/// <c>7d</c>) with <c>from</c>/<c>to</c> dates for <c>custom</c>, <c>interval</c> (hour, day or empty), <c>sort</c> and <c>dir</c>.
/// </summary>
internal sealed record ExploreRequest(
    IReadOnlyList<string> GroupBy,
    IReadOnlyList<string> Filters,
    string Range,
    string? FromDate,
    string? ToDate,
    string Interval,
    string Sort,
    bool Descending)
{
    /// <summary>Most group-by dimensions in Explore: 2.</summary>
    public const int MaxGroupBy = 2;

    /// <summary>Longest span an hourly view may cover: 32 days (a 31-day month plus a daylight-saving hour fits).</summary>
    public static readonly TimeSpan MaxHourlySpan = TimeSpan.FromDays(32);

    public const string DefaultSort = "cost";

    /// <summary>Sortable metric columns (query name → heading).</summary>
    public static readonly IReadOnlyList<(string Name, string Heading)> Metrics =
    [
        ("cost", "Cost"),
        ("events", "Events"),
        ("unpriced_events", "Unpriced"),
        ("input_tokens", "Input tokens"),
        ("output_tokens", "Output tokens"),
        ("cache_read_tokens", "Cache read"),
        ("cache_write_tokens", "Cache write"),
        ("reasoning_tokens", "Reasoning"),
    ];

    public static ExploreRequest Default { get; } = new([], [], ExploreRange.Default, null, null, string.Empty, DefaultSort, true);

    /// <summary>Reads the request; throws <see cref="SpendQueryException"/> naming the parameter when it cannot be understood.</summary>
    public static ExploreRequest Parse(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var groupBy = new List<string>();
        foreach (var value in query["by"].Concat([TagDimension(query["by_tag"].ToString())]))
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var name = SpendDimension.Parse(value, "by").Name;
            if (!groupBy.Contains(name, StringComparer.Ordinal))
            {
                groupBy.Add(name);
            }
        }

        if (groupBy.Count > MaxGroupBy)
        {
            throw new SpendQueryException("by", $"group by at most {MaxGroupBy} dimensions.");
        }

        var filters = query["filter"].Where(f => !string.IsNullOrEmpty(f)).Select(f => f!).ToList();
        string? addDimension = query["fdim"], addValue = query["fval"];
        if (!string.IsNullOrWhiteSpace(addDimension) && !string.IsNullOrEmpty(addValue))
        {
            filters.Add(addDimension.Trim() + ":" + addValue);
        }

        var interval = query["interval"].ToString().Trim();
        if (interval is "none")
        {
            interval = string.Empty;
        }

        if (interval is not ("" or "hour" or "day"))
        {
            throw new SpendQueryException("interval", "use hour, day or none.");
        }

        var range = string.IsNullOrWhiteSpace(query["range"]) ? ExploreRange.Default : query["range"].ToString().Trim();
        var custom = string.Equals(range, ExploreRange.Custom, StringComparison.Ordinal);
        var sort = string.IsNullOrWhiteSpace(query["sort"]) ? DefaultSort : query["sort"].ToString().Trim();
        if (!Metrics.Any(m => string.Equals(m.Name, sort, StringComparison.Ordinal))
            && !groupBy.Contains(sort, StringComparer.Ordinal)
            && !(sort == "bucket" && interval.Length > 0))
        {
            throw new SpendQueryException("sort", "sort by a column of the table.");
        }

        var dir = query["dir"].ToString();
        if (dir is not ("" or "asc" or "desc"))
        {
            throw new SpendQueryException("dir", "use asc or desc.");
        }

        return new ExploreRequest(
            groupBy,
            filters,
            range,
            custom ? NullIfBlank(query["from"]) : null,
            custom ? NullIfBlank(query["to"]) : null,
            interval,
            sort,
            dir.Length == 0 ? DefaultDescending(sort) : dir == "desc");
    }

    /// <summary>Translates the view into the API's spend query (the same parser the API uses), in <paramref name="zone"/>.</summary>
    public SpendQuery ToSpendQuery(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var (from, to) = ExploreRange.Resolve(Range, FromDate, ToDate, now, zone);
        if (Interval == "hour" && to - from > MaxHourlySpan)
        {
            throw new SpendQueryException("interval", "hourly buckets are available for ranges up to a month; choose day.");
        }

        return SpendQueryParser.Parse(
            SpendResultJson.FormatInstant(from),
            SpendResultJson.FormatInstant(to),
            string.Join(',', GroupBy),
            Interval,
            Filters,
            now,
            zone.Id);
    }

    /// <summary>The canonical query string (without <c>?</c> and without <c>tz</c>, which links add).</summary>
    public string ToQueryString()
    {
        var text = new StringBuilder();
        void Add(string name, string value) =>
            text.Append(text.Length == 0 ? string.Empty : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));

        foreach (var dimension in GroupBy)
        {
            Add("by", dimension);
        }

        foreach (var filter in Filters)
        {
            Add("filter", filter);
        }

        Add("range", Range);
        if (FromDate is not null)
        {
            Add("from", FromDate);
        }

        if (ToDate is not null)
        {
            Add("to", ToDate);
        }

        if (Interval.Length > 0)
        {
            Add("interval", Interval);
        }

        if (Sort != DefaultSort || !Descending)
        {
            Add("sort", Sort);
            Add("dir", Descending ? "desc" : "asc");
        }

        return text.ToString();
    }

    /// <summary>The view sorted by <paramref name="column"/>: toggles the direction when it is already the sort column.</summary>
    public ExploreRequest SortedBy(string column) =>
        this with { Sort = column, Descending = Sort == column ? !Descending : DefaultDescending(column) };

    public ExploreRequest WithoutFilter(int index) =>
        this with { Filters = Filters.Where((_, i) => i != index).ToList() };

    private static bool DefaultDescending(string column) => Metrics.Any(m => string.Equals(m.Name, column, StringComparison.Ordinal));

    private static string? TagDimension(string? key) => string.IsNullOrWhiteSpace(key) ? null : "tag." + key.Trim();

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
