using Outlay.Core.Querying;

namespace Outlay.LoadTest.Dashboard;

/// <summary>
/// One spend question the dashboard asks, written as the text parameters of <c>/explore</c> and <c>/api/v1/spend</c>
/// (<c>from</c>, <c>to</c>, <c>groupBy</c>, <c>interval</c>, <c>filter</c>, <c>tz</c>), so the direct timing and the page timing ask the same thing.
/// </summary>
internal sealed record BenchQuery(string Name, string? From, string? To, string? GroupBy, string? Interval, IReadOnlyList<string> Filters, string? Tz = null)
{
    public SpendQuery Parse(DateTimeOffset now) => SpendQueryParser.Parse(From, To, GroupBy, Interval, Filters, now, Tz);

    /// <summary>The API's query string of the same question (<c>/api/v1/spend</c>), e.g. <c>from=30d&amp;groupBy=model&amp;interval=day</c>.</summary>
    public string QueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("from", From);
        Add("to", To);
        Add("groupBy", GroupBy);
        Add("interval", Interval);
        foreach (var filter in Filters)
        {
            Add("filter", filter);
        }

        Add("tz", Tz);

        return string.Join('&', parts);
    }

    /// <summary>
    /// The same question as an <c>/explore</c> query string: one <c>by</c> per dimension, the range preset
    /// (<see cref="From"/> must be one, e.g. <c>30d</c>), <c>interval</c>, <c>filter</c> and <c>tz</c>.
    /// </summary>
    public string ExploreQueryString()
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        foreach (var dimension in (GroupBy ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Add("by", dimension);
        }

        Add("range", From);
        Add("interval", Interval);
        foreach (var filter in Filters)
        {
            Add("filter", filter);
        }

        Add("tz", Tz);
        return string.Join('&', parts);
    }
}
