using Outlay.Core.Querying;

namespace Outlay.Core.Tests.Querying;

public sealed class SpendQueryTimeZoneTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 25, 0, TimeSpan.Zero);

    [Fact]
    public void Without_a_zone_the_query_is_utc_and_dates_are_utc()
    {
        var query = SpendQueryParser.Parse("2026-11-01", "2026-11-02T08:00", null, "day", null, Now);

        Assert.Same(TimeZoneInfo.Utc, query.TimeZone);
        Assert.True(query.IsUtc);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), query.To);
    }

    [Fact]
    public void Dates_without_an_offset_are_local_to_the_zone()
    {
        var query = SpendQueryParser.Parse("2026-11-01", "2026-11-02T08:00", null, "day", null, Now, "Europe/Berlin");

        Assert.Equal("Europe/Berlin", query.TimeZone.Id);
        Assert.False(query.IsUtc);
        // Berlin is UTC+01:00 in November.
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 7, 0, 0, TimeSpan.Zero), query.To);
    }

    [Fact]
    public void Summer_dates_use_the_summer_offset()
    {
        var query = SpendQueryParser.Parse("2026-07-01", "2026-07-02", null, null, null, Now, "Europe/Berlin");

        Assert.Equal(new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), query.From);
    }

    [Fact]
    public void An_explicit_offset_or_z_wins_over_the_zone()
    {
        var query = SpendQueryParser.Parse("2026-11-01T08:00Z", "2026-11-01T18:00+05:00", null, null, null, Now, "America/New_York");

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 13, 0, 0, TimeSpan.Zero), query.To);
    }

    [Fact]
    public void Durations_do_not_depend_on_the_zone()
    {
        var utc = SpendQueryParser.Parse("24h", null, null, null, null, Now);
        var kolkata = SpendQueryParser.Parse("24h", null, null, null, null, Now, "Asia/Kolkata");

        Assert.Equal(utc.From, kolkata.From);
        Assert.Equal(utc.To, kolkata.To);
    }

    [Fact]
    public void A_half_hour_zone_truncates_local_midnight_to_its_utc_hour()
    {
        var query = SpendQueryParser.Parse("2026-11-01", "2026-11-02", null, "day", null, Now, "Asia/Kolkata");

        // 2026-11-01T00:00+05:30 is 2026-10-31T18:30Z; rollups are hourly, so the range starts at 18:00Z.
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 18, 0, 0, TimeSpan.Zero), query.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 19, 0, 0, TimeSpan.Zero), query.To);
    }

    [Fact]
    public void A_time_skipped_by_daylight_saving_lands_just_after_the_jump()
    {
        // 02:30 does not exist in Berlin on 2026-03-29; read with the winter offset it is 01:30Z (03:30 summer time).
        var instant = LocalTime.ToInstant(new DateTime(2026, 3, 29, 2, 30, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), instant);
        Assert.Equal(TimeSpan.FromHours(2), instant.Offset);
    }

    [Fact]
    public void A_repeated_time_is_its_first_occurrence()
    {
        // 02:30 happens twice in Berlin on 2026-10-25: first in summer time (00:30Z), then in winter time (01:30Z).
        var instant = LocalTime.ToInstant(new DateTime(2026, 10, 25, 2, 30, 0), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), instant);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/localtime")]
    [InlineData("Europe/Berlin; drop")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Europe/Berlin_Europe/Berlin_Europe/Berlin_Europe/Berlin_Europe/Berlin")]
    public void An_unknown_or_malformed_zone_is_refused_naming_time_zone(string zone)
    {
        var error = Assert.Throws<SpendQueryException>(() => SpendQueryParser.Parse(null, null, null, null, null, Now, zone));

        Assert.Equal("timeZone", error.Parameter);
        Assert.DoesNotContain(zone, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("UTC")]
    public void Blank_or_utc_is_the_utc_zone(string? zone) =>
        Assert.Same(TimeZoneInfo.Utc, SpendQueryParser.ParseTimeZone(zone));

    [Fact]
    public void Local_midnight_carries_that_days_offset()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.Equal(TimeSpan.FromHours(1), LocalTime.StartOfDay(new DateOnly(2026, 3, 29), berlin).Offset);
        Assert.Equal(TimeSpan.FromHours(2), LocalTime.StartOfDay(new DateOnly(2026, 3, 30), berlin).Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), LocalTime.StartOfDay(new DateOnly(2026, 3, 30), berlin));
    }
}
