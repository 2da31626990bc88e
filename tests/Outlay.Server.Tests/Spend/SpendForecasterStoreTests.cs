using Outlay.Core.Forecasting;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Spend;

public sealed class SpendForecasterStoreTests
{
    private const long Usd = 1_000_000_000L;

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task No_history_gives_no_forecast()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("empty");

        var forecast = await SpendForecaster.ForecastAsync(
            server.App.Store, project, SpendPeriod.CalendarMonth(Now, TimeZoneInfo.Utc), Now, ct: TestContext.Current.CancellationToken);

        Assert.Null(forecast);
    }

    [Fact]
    public async Task A_full_week_of_history_gives_the_weekly_rate()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("week");
        // $1 in each of the last 240 hours, all within November.
        await server.App.Store.AppendEventsAsync(
            project,
            Enumerable.Range(1, 240).Select(h => SpendSeed.Event(Now.AddHours(-h).AddMinutes(5), Usd)).ToList(),
            TestContext.Current.CancellationToken);

        var forecast = await SpendForecaster.ForecastAsync(
            server.App.Store, project, SpendPeriod.CalendarMonth(Now, TimeZoneInfo.Utc), Now, ct: TestContext.Current.CancellationToken);

        Assert.NotNull(forecast);
        Assert.Equal(240 * Usd, forecast.SpentNanoUsd);
        Assert.Equal(168m, forecast.BasisHours);
        Assert.Equal(168 * Usd, forecast.BasisNanoUsd);
        Assert.Equal(24 * Usd, forecast.RatePerDayNanoUsd);
        // 8 days 12 hours remain in November: 204 more dollars.
        Assert.Equal(444 * Usd, forecast.ProjectedNanoUsd);
    }

    [Fact]
    public async Task Short_history_uses_only_the_hours_since_the_first_spend()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("short");
        // Two events 29h40m and 30 minutes ago: history starts at the hour of the first, 30 hours back.
        await server.App.Store.AppendEventsAsync(
            project,
            [SpendSeed.Event(Now.AddHours(-30).AddMinutes(20), 3 * Usd), SpendSeed.Event(Now.AddMinutes(-30), 2 * Usd)],
            TestContext.Current.CancellationToken);

        var forecast = await SpendForecaster.ForecastAsync(
            server.App.Store, project, SpendPeriod.CalendarMonth(Now, TimeZoneInfo.Utc), Now, ct: TestContext.Current.CancellationToken);

        Assert.NotNull(forecast);
        Assert.Equal(30m, forecast.BasisHours);
        Assert.Equal(5 * Usd, forecast.BasisNanoUsd);
        Assert.Equal(4 * Usd, forecast.RatePerDayNanoUsd);
        Assert.Contains("last 30 hours' average of $4.00/day", forecast.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Older_history_but_a_quiet_week_projects_no_further_spend()
    {
        await using var server = await RunningServer.StartAsync();
        var project = await server.CreateProjectAsync("quiet");
        await server.App.Store.AppendEventsAsync(project, [SpendSeed.Event(Now.AddDays(-20), 9 * Usd)], TestContext.Current.CancellationToken);

        var forecast = await SpendForecaster.ForecastAsync(
            server.App.Store, project, SpendPeriod.CalendarMonth(Now, TimeZoneInfo.Utc), Now, ct: TestContext.Current.CancellationToken);

        Assert.NotNull(forecast);
        Assert.Equal(168m, forecast.BasisHours);
        Assert.Equal(0, forecast.RatePerDayNanoUsd);
        Assert.Equal(9 * Usd, forecast.ProjectedNanoUsd);
    }
}
