using Outlay.Core.Forecasting;

namespace Outlay.Core.Tests.Forecasting;

public sealed class SpendForecasterProjectTests
{
    private const long Usd = 1_000_000_000L;

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void Month_to_date_plus_the_weekly_rate_over_the_remaining_time()
    {
        var now = new DateTimeOffset(2026, 11, 22, 11, 0, 0, TimeSpan.Zero);
        var month = SpendPeriod.CalendarMonth(now, Berlin);

        var forecast = SpendForecaster.Project(month, now, 100 * Usd, 70 * Usd, TimeSpan.FromDays(7));

        // November ends at 2026-11-30T23:00Z: 8 days and 12 hours after now.
        Assert.Equal(204m, forecast.RemainingHours);
        Assert.Equal(168m, forecast.BasisHours);
        Assert.Equal(10 * Usd, forecast.RatePerDayNanoUsd);
        Assert.Equal(185 * Usd, forecast.ProjectedNanoUsd);
        Assert.Equal(100 * Usd, forecast.SpentNanoUsd);
        Assert.Equal(70 * Usd, forecast.BasisNanoUsd);
        Assert.Equal("Month-to-date $100.00 plus the last 7 days' average of $10.00/day for the remaining 8.5 days.", forecast.Explanation);
    }

    [Fact]
    public void Short_history_uses_the_hours_available()
    {
        var now = new DateTimeOffset(2026, 11, 30, 18, 0, 0, TimeSpan.Zero);
        var month = SpendPeriod.CalendarMonth(now, TimeZoneInfo.Utc);

        var forecast = SpendForecaster.Project(month, now, 1 * Usd, 1 * Usd, TimeSpan.FromHours(5));

        // $1 over 5 hours is $0.20/h: $4.80/day, and 6 hours remain.
        Assert.Equal(4_800_000_000, forecast.RatePerDayNanoUsd);
        Assert.Equal(2_200_000_000, forecast.ProjectedNanoUsd);
        Assert.Equal("Month-to-date $1.00 plus the last 5 hours' average of $4.80/day for the remaining 6 hours.", forecast.Explanation);
    }

    [Fact]
    public void A_basis_under_one_hour_counts_as_one_hour()
    {
        var now = new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero);
        var month = SpendPeriod.CalendarMonth(now, TimeZoneInfo.Utc);

        var forecast = SpendForecaster.Project(month, now, 3 * Usd, 3 * Usd, TimeSpan.FromMinutes(10));

        Assert.Equal(1m, forecast.BasisHours);
        Assert.Equal(1m, forecast.RemainingHours);
        Assert.Equal(6 * Usd, forecast.ProjectedNanoUsd);
    }

    [Fact]
    public void Rounding_is_to_the_nano_dollar_without_drift()
    {
        var now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        var period = new SpendPeriod(now, now.AddHours(1), "Hour");

        // 1 nano-dollar over 3 hours, for 1 hour: one third of a nano-dollar rounds to 0; 2 over 3 rounds to 1.
        Assert.Equal(0, SpendForecaster.Project(period, now, 0, 1, TimeSpan.FromHours(3)).ProjectedNanoUsd);
        Assert.Equal(1, SpendForecaster.Project(period, now, 0, 2, TimeSpan.FromHours(3)).ProjectedNanoUsd);
    }

    [Fact]
    public void After_the_period_ends_the_projection_is_what_was_spent()
    {
        var period = SpendPeriod.CalendarMonth(new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

        var forecast = SpendForecaster.Project(period, new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero), 42 * Usd, 7 * Usd, TimeSpan.FromDays(7));

        Assert.Equal(0m, forecast.RemainingHours);
        Assert.Equal(42 * Usd, forecast.ProjectedNanoUsd);
    }

    [Fact]
    public void The_calendar_month_is_the_local_one_at_a_month_boundary()
    {
        // 23:30Z on 30 November is already 00:30 on 1 December in Berlin.
        var now = new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero);

        var berlin = SpendPeriod.CalendarMonth(now, Berlin);
        var utc = SpendPeriod.CalendarMonth(now, TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(1)), berlin.Start);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(1)), berlin.End);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), utc.Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), utc.End);
        Assert.Equal("Month", berlin.Name);
    }

    [Fact]
    public void A_daylight_saving_month_is_an_hour_shorter_or_longer()
    {
        var march = SpendPeriod.CalendarMonth(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero), Berlin);
        var october = SpendPeriod.CalendarMonth(new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.Zero), Berlin);

        Assert.Equal(TimeSpan.FromHours((31 * 24) - 1), march.End - march.Start);
        Assert.Equal(TimeSpan.FromHours((31 * 24) + 1), october.End - october.Start);
    }
}
