using Outlay.Core.Budgets;

namespace Outlay.Core.Tests.Budgets;

/// <summary>Current-period boundaries at fixed instants: month ends, quarters, Monday weeks and daylight-saving days.</summary>
public sealed class BudgetPeriodCalculatorTests
{
    [Theory]
    // The last second of January in UTC is still January.
    [InlineData("month", "UTC", "2026-01-31T23:59:59Z", "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z")]
    // 23:30 UTC on 31 January is already 1 February in Berlin.
    [InlineData("month", "Europe/Berlin", "2026-01-31T23:30:00Z", "2026-01-31T23:00:00Z", "2026-02-28T23:00:00Z")]
    // March in Berlin starts at +01:00 and ends at +02:00: 743 hours.
    [InlineData("month", "Europe/Berlin", "2026-03-15T12:00:00Z", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z")]
    // October in Berlin starts at +02:00 and ends at +01:00: 745 hours.
    [InlineData("month", "Europe/Berlin", "2026-10-31T22:30:00Z", "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z")]
    // Spring-forward Sunday in Berlin is 23 hours long; fall-back Sunday 25.
    [InlineData("day", "Europe/Berlin", "2026-03-29T12:00:00Z", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")]
    [InlineData("day", "Europe/Berlin", "2026-10-25T01:30:00Z", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")]
    // New York: 8 March 2026 is 23 hours; November starts on EDT and ends on EST.
    [InlineData("day", "America/New_York", "2026-03-08T12:00:00Z", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")]
    [InlineData("month", "America/New_York", "2026-11-01T03:59:00Z", "2026-10-01T04:00:00Z", "2026-11-01T04:00:00Z")]
    [InlineData("month", "America/New_York", "2026-11-01T04:00:00Z", "2026-11-01T04:00:00Z", "2026-12-01T05:00:00Z")]
    // Quarters start in January, April, July and October; Q4 in Berlin crosses the October change.
    [InlineData("quarter", "Europe/Berlin", "2026-05-15T12:00:00Z", "2026-03-31T22:00:00Z", "2026-06-30T22:00:00Z")]
    [InlineData("quarter", "Europe/Berlin", "2026-12-31T22:59:59Z", "2026-09-30T22:00:00Z", "2026-12-31T23:00:00Z")]
    [InlineData("quarter", "UTC", "2026-12-31T23:00:00Z", "2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z")]
    // Weeks start on Monday: Sunday 23:30 UTC is Sunday in UTC but Monday 00:30 in Berlin.
    [InlineData("week", "UTC", "2026-11-22T23:30:00Z", "2026-11-16T00:00:00Z", "2026-11-23T00:00:00Z")]
    [InlineData("week", "Europe/Berlin", "2026-11-22T23:30:00Z", "2026-11-22T23:00:00Z", "2026-11-29T23:00:00Z")]
    // The week of the spring-forward Sunday ends at +02:00.
    [InlineData("week", "Europe/Berlin", "2026-03-29T12:00:00Z", "2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z")]
    public void Calendar_periods_follow_local_midnights(string period, string zone, string now, string start, string end)
    {
        var parsed = BudgetParser.ParsePeriod(period, zone, null);

        var current = BudgetPeriodCalculator.Current(parsed, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), current.Start);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), current.End);
    }

    [Fact]
    public void The_start_carries_the_local_offset_of_that_moment()
    {
        var march = BudgetPeriodCalculator.Current(BudgetParser.ParsePeriod("month", "Europe/Berlin", null), new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.FromHours(1), march.Start.Offset);
        Assert.Equal(TimeSpan.FromHours(2), march.End.Offset);
        Assert.Equal(743, (march.End - march.Start).TotalHours);
    }

    [Theory]
    [InlineData("24h", "2026-11-23T10:20:00Z", "2026-11-22T11:00:00Z", "2026-11-23T11:00:00Z")]
    [InlineData("24h", "2026-11-23T10:00:00Z", "2026-11-22T10:00:00Z", "2026-11-23T10:00:00Z")]
    [InlineData("1h", "2026-11-23T10:00:01Z", "2026-11-23T10:00:00Z", "2026-11-23T11:00:00Z")]
    [InlineData("7d", "2026-11-23T10:20:00Z", "2026-11-16T11:00:00Z", "2026-11-23T11:00:00Z")]
    public void Rolling_windows_are_the_last_whole_hourly_rollups(string rolling, string now, string start, string end)
    {
        var current = BudgetPeriodCalculator.Current(BudgetParser.ParsePeriod(null, null, rolling), DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture), current.Start);
        Assert.Equal(DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture), current.End);
    }
}
