using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Outlay.Core.Querying;
using Outlay.Server.Dashboard.Explore;

namespace Outlay.Server.Tests.DashboardPages;

public sealed class ExploreRequestTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 30, 0, TimeSpan.Zero);

    private static ExploreRequest Parse(string queryString) =>
        ExploreRequest.Parse(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString)));

    [Theory]
    [InlineData("range=24h", "2026-11-22T10:00:00Z", "2026-11-23T11:00:00Z")]
    [InlineData("range=mtd", "2026-10-31T23:00:00Z", "2026-11-23T11:00:00Z")]
    [InlineData("range=prev-month", "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z")]
    [InlineData("range=custom&from=2026-11-01&to=2026-11-02", "2026-10-31T23:00:00Z", "2026-11-02T23:00:00Z")]
    public void Presets_become_instants_in_the_viewers_zone(string queryString, string from, string to)
    {
        var query = Parse(queryString).ToSpendQuery(Now, Berlin);

        Assert.Equal(from, SpendResultJson.FormatInstant(query.From));
        Assert.Equal(to, SpendResultJson.FormatInstant(query.To));
        Assert.Equal("Europe/Berlin", query.TimeZone.Id);
    }

    [Fact]
    public void The_canonical_url_reproduces_the_view_including_an_added_filter()
    {
        var view = Parse("by=model&by_tag=feature&filter=service:checkout&fdim=tag.customer&fval=a%26b&range=7d&interval=day&sort=events&dir=asc");

        var again = Parse(view.ToQueryString());

        Assert.Equal(["model", "tag.feature"], again.GroupBy);
        Assert.Equal(["service:checkout", "tag.customer:a&b"], again.Filters);
        Assert.Equal(view.ToQueryString(), again.ToQueryString());
        Assert.Equal("events", again.Sort);
        Assert.False(again.Descending);
        Assert.Equal(["service:checkout"], again.WithoutFilter(1).Filters);
        Assert.True(again.SortedBy("events").Descending);
    }

    [Theory]
    [InlineData("by=model&by=service&by=status", "by")]
    [InlineData("by=nonsense", "by")]
    [InlineData("range=yesterday", "range")]
    [InlineData("range=custom", "from")]
    [InlineData("range=custom&from=2026-11-05&to=2026-11-01", "to")]
    [InlineData("range=custom&from=23/11/2026", "from")]
    [InlineData("interval=week", "interval")]
    [InlineData("filter=model", "filter")]
    [InlineData("sort=service", "sort")]
    public void Parameters_that_cannot_be_understood_name_the_parameter(string queryString, string parameter)
    {
        var error = Assert.Throws<SpendQueryException>(() => Parse(queryString).ToSpendQuery(Now, Berlin));
        Assert.Equal(parameter, error.Parameter);
    }

    [Fact]
    public void An_hourly_previous_month_is_accepted_even_with_its_extra_daylight_saving_hour()
    {
        // October 2026 in Berlin lasts 31 days and 1 hour.
        var query = Parse("range=prev-month&interval=hour").ToSpendQuery(Now, Berlin);

        Assert.Equal(745, (query.To - query.From).TotalHours);
    }

    [Fact]
    public void Hourly_buckets_over_more_than_a_month_are_refused()
    {
        var error = Assert.Throws<SpendQueryException>(() => Parse("range=custom&from=2026-09-01&interval=hour").ToSpendQuery(Now, Berlin));

        Assert.Equal("interval", error.Parameter);
    }

    [Fact]
    public void Rows_are_sorted_stably_and_capped()
    {
        var rows = Enumerable.Range(0, ExploreRows.MaxRows + 10)
            .Select(i => new SpendRow(new Dictionary<string, string?> { ["model"] = "m" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture) }, null, 10_000 - i, i % 3, 0, 0, 0, 0, 0, 0))
            .ToList();
        var result = new SpendResult(rows, rows.Sum(r => r.CostNanoUsd), 0);

        var byDefault = ExploreRows.Arrange(result, Parse("by=model"));
        var byEvents = ExploreRows.Arrange(result, Parse("by=model&sort=events&dir=asc"));

        Assert.Equal(ExploreRows.MaxRows, byDefault.Count);
        Assert.Equal(rows.Take(ExploreRows.MaxRows), byDefault);
        Assert.Equal("m00000", byEvents[0].Dimensions["model"]);
        Assert.Equal("m00003", byEvents[1].Dimensions["model"]);
    }
}
