using System.Globalization;
using System.Xml.Linq;
using Outlay.Core.Querying;
using Outlay.Server.Dashboard.Charts;

namespace Outlay.Server.Tests.DashboardPages;

public sealed class StackedBarChartTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private static SpendRow Row(string? model, DateTimeOffset bucket, long cost) =>
        new(new Dictionary<string, string?> { ["model"] = model }, bucket, cost, 1, 0, 0, 0, 0, 0, 0);

    private static TimeChartData Hours(params SpendRow[] rows)
    {
        var buckets = ChartBuckets.Create(Start, Start.AddHours(4), SpendInterval.Hour, TimeZoneInfo.Utc);
        return TimeChartBuilder.Build(rows, "model", buckets, SpendInterval.Hour, TimeZoneInfo.Utc);
    }

    [Fact]
    public void Hostile_series_names_are_encoded_and_the_markup_is_well_formed_without_style_or_script()
    {
        var hostile = "<script>alert(1)</script>\" onmouseover=\"x";
        var data = Hours(Row(hostile, Start, 5_000_000_000), Row("gpt-4o", Start.AddHours(1), 1_000_000_000));

        var html = StackedBarChart.Render(data, "Spend by model per hour").ToString();

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onmouseover=\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        var figure = XElement.Parse(html);
        var titles = figure.Descendants("title").Select(t => t.Value).ToList();
        Assert.Contains(titles, t => t.StartsWith(hostile + " · ", StringComparison.Ordinal));
        var svg = figure.Element("svg")!;
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Contains("total $6.00", (string)svg.Attribute("aria-label")!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_series_with_only_unpriced_events_says_unpriced_in_the_legend_never_zero_dollars()
    {
        var unpriced = new SpendRow(new Dictionary<string, string?> { ["model"] = "lab-model" }, Start, 0, 3, 0, 0, 0, 0, 0, 3);
        var data = Hours(Row("gpt-4o", Start, 1_000_000_000), unpriced);

        var legend = XElement.Parse(StackedBarChart.Render(data, "Spend").ToString())
            .Descendants("li").Select(li => li.Value).ToList();

        Assert.Contains("lab-model unpriced", legend);
        Assert.Contains("gpt-4o $1.00", legend);
    }

    [Fact]
    public void Segments_of_a_bar_stack_to_the_bucket_total_on_the_axis_scale()
    {
        var data = Hours(Row("a", Start, 3_000_000_000), Row("b", Start, 1_000_000_000), Row("a", Start.AddHours(2), 2_000_000_000));
        var axis = MoneyAxis.For(4_000_000_000);

        var figure = XElement.Parse(StackedBarChart.Render(data, "Spend").ToString());
        var bars = figure.Descendants("rect").Where(r => ((string?)r.Attribute("class"))?.StartsWith("series-", StringComparison.Ordinal) == true && r.Ancestors("svg").Count() == 1).ToList();

        Assert.Equal(3, bars.Count);
        var firstBucket = bars.Take(2).ToList();
        Assert.All(firstBucket, r => Assert.Equal((string)firstBucket[0].Attribute("x")!, (string)r.Attribute("x")!));
        var height = firstBucket.Sum(r => double.Parse((string)r.Attribute("height")!, CultureInfo.InvariantCulture));
        const double plotHeight = 260 - 10 - 28;
        Assert.Equal(plotHeight * 4_000_000_000 / axis.Max, height, 0.2);
        Assert.Equal("series-0", (string?)firstBucket[0].Attribute("class"));
    }

    [Fact]
    public void More_than_eight_series_keep_the_eight_largest_and_sum_the_rest_as_other()
    {
        var rows = Enumerable.Range(1, 11).Select(i => Row("m" + i.ToString(CultureInfo.InvariantCulture), Start, i * 1_000L)).ToArray();

        var data = Hours(rows);

        Assert.Equal(9, data.Series.Count);
        Assert.Equal("m11", data.Series[0].Name);
        Assert.Equal(TimeChartBuilder.OtherName, data.Series[8].Name);
        Assert.Equal("series-8", data.Series[8].CssClass);
        Assert.Equal(6_000, data.Series[8].Total);
        Assert.Equal(rows.Sum(r => r.CostNanoUsd), data.BucketTotal(0));
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(999L)]
    [InlineData(4_000_000_000L)]
    [InlineData(123_456_789_012L)]
    public void Money_axis_covers_the_largest_value_with_at_most_five_ticks_of_1_2_or_5(long max)
    {
        var axis = MoneyAxis.For(max);

        Assert.True(axis.Max >= max);
        Assert.InRange(axis.TickCount, 1, 5);
        var step = axis.Step;
        while (step % 10 == 0)
        {
            step /= 10;
        }

        Assert.Contains(step, new long[] { 1, 2, 5 });
    }

    [Fact]
    public void Day_buckets_are_local_midnights_across_a_daylight_saving_change()
    {
        // Europe/Berlin leaves summer time on 2026-10-25: that day has 25 hours.
        var from = new DateTimeOffset(2026, 10, 23, 22, 0, 0, TimeSpan.Zero);
        var buckets = ChartBuckets.Create(from, from.AddDays(3), SpendInterval.Day, Berlin);

        Assert.Equal(
            [
                new DateTimeOffset(2026, 10, 23, 22, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 10, 24, 22, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero),
            ],
            buckets.Select(b => b.ToUniversalTime()));
        Assert.Equal("Oct 25", BucketLabels.Short(buckets[1], SpendInterval.Day, Berlin));
    }

    [Fact]
    public void Share_is_a_rounded_percentage_and_zero_for_an_empty_whole()
    {
        Assert.Equal(33.3m, ShareBar.Percent(1, 3));
        Assert.Equal(0m, ShareBar.Percent(5, 0));
        var svg = XElement.Parse(ShareBar.Render(1, 4).ToString());
        Assert.Equal("25", (string?)svg.Element("rect")!.Attribute("width"));
    }
}
