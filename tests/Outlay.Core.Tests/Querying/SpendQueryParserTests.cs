using Outlay.Core.Querying;

namespace Outlay.Core.Tests.Querying;

public sealed class SpendQueryParserTests
{
    // Deliberately not on an hour so that alignment is visible.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 25, 13, TimeSpan.Zero);

    [Fact]
    public void Defaults_cover_the_last_seven_days_aligned_to_whole_hours()
    {
        var query = SpendQueryParser.Parse(null, null, null, null, null, Now);

        // to = 10:25:13 rounded up = 11:00; from = to − 7 d = 16 Nov 10:25:13, truncated = 10:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero), query.To);
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.Zero), query.From);
        Assert.Empty(query.GroupBy);
        Assert.Empty(query.Filters);
        Assert.Equal(SpendInterval.None, query.Interval);
    }

    [Theory]
    [InlineData("30m", 2026, 11, 23, 9)]   // 09:55:13 → 09:00
    [InlineData("24h", 2026, 11, 22, 10)]  // 22 Nov 10:25:13 → 10:00
    [InlineData("7d", 2026, 11, 16, 10)]
    [InlineData("4w", 2026, 10, 26, 10)]   // 28 days back
    public void Relative_from_counts_back_from_now(string from, int year, int month, int day, int hour)
    {
        var query = SpendQueryParser.Parse(from, null, null, null, null, Now);

        Assert.Equal(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero), query.From);
    }

    [Fact]
    public void Relative_to_counts_back_from_now_too()
    {
        var query = SpendQueryParser.Parse("48h", "24h", null, null, null, Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.Zero), query.To);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero), query.From);
    }

    [Theory]
    [InlineData("2026-11-20", "2026-11-20T00:00:00Z")]
    [InlineData("2026-11-20T05:30", "2026-11-20T05:00:00Z")]
    [InlineData("2026-11-20T05:30:00Z", "2026-11-20T05:00:00Z")]
    [InlineData("2026-11-20T05:30:00.123+02:00", "2026-11-20T03:00:00Z")]
    public void Iso_dates_are_utc_unless_an_offset_is_given(string from, string expected)
    {
        var query = SpendQueryParser.Parse(from, "2026-11-22", null, null, null, Now);

        Assert.Equal(expected, SpendResultJson.FormatInstant(query.From));
    }

    [Theory]
    [InlineData("yesterday", null, "from")]
    [InlineData("7x", null, "from")]
    [InlineData("-7d", null, "from")]
    [InlineData("2026-13-01", null, "from")]
    [InlineData("999999w", null, "from")]
    [InlineData("0001-01-01", null, "from")]
    [InlineData(null, "soon", "to")]
    [InlineData("1d", "2d", "to")]
    [InlineData("2026-11-20", "2026-11-20", "to")]
    [InlineData("500d", null, "from")]
    public void Bad_times_name_the_parameter(string? from, string? to, string parameter)
    {
        var error = Assert.Throws<SpendQueryException>(() => SpendQueryParser.Parse(from, to, null, null, null, Now));

        Assert.Equal(parameter, error.Parameter);
        Assert.StartsWith(parameter + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_do_not_echo_the_refused_value()
    {
        const string Marker = "zz-marker-zz";
        var error = Assert.Throws<SpendQueryException>(() => SpendQueryParser.Parse(Marker, null, null, null, null, Now));

        Assert.DoesNotContain(Marker, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Group_by_parses_columns_and_tags_in_order()
    {
        var query = SpendQueryParser.Parse(null, null, "model, tag.feature,provider", "day", null, Now);

        Assert.Equal(["model", "tag.feature", "provider"], query.GroupBy.Select(d => d.Name));
        Assert.Equal("feature", query.GroupBy[1].TagName);
        Assert.Equal(SpendInterval.Day, query.Interval);
    }

    [Theory]
    [InlineData("model,model")]
    [InlineData("model,,provider")]
    [InlineData("price")]
    [InlineData("tag.Feature")]
    [InlineData("provider,model,operation,service,environment,key_label,status")]
    public void Bad_group_by_names_the_parameter(string groupBy)
    {
        var error = Assert.Throws<SpendQueryException>(() => SpendQueryParser.Parse(null, null, groupBy, null, null, Now));

        Assert.Equal("groupBy", error.Parameter);
    }

    [Theory]
    [InlineData("hour", SpendInterval.Hour)]
    [InlineData("day", SpendInterval.Day)]
    [InlineData("", SpendInterval.None)]
    public void Interval_values(string interval, SpendInterval expected)
    {
        Assert.Equal(expected, SpendQueryParser.Parse(null, null, null, interval, null, Now).Interval);
    }

    [Fact]
    public void Unknown_interval_names_the_parameter()
    {
        var error = Assert.Throws<SpendQueryException>(() => SpendQueryParser.Parse(null, null, null, "week", null, Now));

        Assert.Equal("interval", error.Parameter);
    }

    [Fact]
    public void Filters_take_one_or_several_values()
    {
        var query = SpendQueryParser.Parse(null, null, null, null, ["provider:openai", "tag.customer:acme|globex"], Now);

        Assert.Equal(2, query.Filters.Count);
        Assert.Equal("provider", query.Filters[0].Dimension.Name);
        Assert.Equal(["openai"], query.Filters[0].Values);
        Assert.Equal("customer", query.Filters[1].Dimension.TagName);
        Assert.Equal(["acme", "globex"], query.Filters[1].Values);
    }

    [Fact]
    public void Filter_value_may_contain_a_colon()
    {
        var query = SpendQueryParser.Parse(null, null, null, null, ["model:ft:gpt-4o:acme"], Now);

        Assert.Equal(["ft:gpt-4o:acme"], query.Filters[0].Values);
    }

    [Theory]
    [InlineData("provider")]
    [InlineData(":openai")]
    [InlineData("provider:")]
    [InlineData("provider:a||b")]
    [InlineData("cost:1")]
    public void Bad_filters_name_the_parameter(string filter)
    {
        var error = Assert.Throws<SpendQueryException>(() => SpendQueryParser.Parse(null, null, null, null, [filter], Now));

        Assert.Equal("filter", error.Parameter);
    }

    [Fact]
    public void Filter_limits_are_enforced()
    {
        var longValue = "model:" + new string('a', SpendQueryParser.MaxFilterValueLength + 1);
        var tooMany = Enumerable.Repeat("provider:openai", SpendQueryParser.MaxFilters + 1).ToList();

        Assert.Equal("filter", Assert.Throws<SpendQueryException>(() => SpendQueryParser.Parse(null, null, null, null, [longValue], Now)).Parameter);
        Assert.Equal("filter", Assert.Throws<SpendQueryException>(() => SpendQueryParser.Parse(null, null, null, null, tooMany, Now)).Parameter);
        var atLimit = SpendQueryParser.Parse(null, null, null, null, ["model:" + new string('a', SpendQueryParser.MaxFilterValueLength)], Now);
        Assert.Single(atLimit.Filters);
    }
}
