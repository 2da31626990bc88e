using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Overview;
using Outlay.Storage.Sqlite;

namespace Outlay.Server.Tests.DashboardPages;

public sealed class OverviewReportTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // 11:30 in Berlin (UTC+01:00) on Monday 2026-11-23.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 30, 0, TimeSpan.Zero);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "outlay-overview-tests", Guid.NewGuid().ToString("N"));
    private SqliteOutlayStore _store = null!;
    private string _projectId = string.Empty;

    public async ValueTask InitializeAsync()
    {
        _store = SqliteOutlayStore.Open(Path.Combine(_directory, "outlay.db"));
        await _store.InitializeAsync(TestContext.Current.CancellationToken);
        _projectId = (await _store.EnsureProjectAsync("overview", TestContext.Current.CancellationToken)).Id;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    [Fact]
    public void Ranges_follow_local_midnight_and_the_first_of_the_month_in_the_viewers_zone()
    {
        var ranges = OverviewRanges.For(Now, Berlin);

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), ranges.TodayStart);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 23, 0, 0, TimeSpan.Zero), ranges.YesterdayStart);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 30, 0, TimeSpan.Zero), ranges.YesterdayEnd);
        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), ranges.MonthStart);

        // October started in summer time (UTC+02:00).
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero), ranges.PreviousMonthStart);
        Assert.Equal(ranges.PreviousMonthStart + (Now - ranges.MonthStart), ranges.PreviousMonthEnd);
    }

    [Fact]
    public void The_previous_month_span_never_runs_past_that_months_end()
    {
        var endOfMarch = new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero);

        var ranges = OverviewRanges.For(endOfMarch, TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero), ranges.PreviousMonthStart);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), ranges.PreviousMonthEnd);
    }

    [Fact]
    public async Task Today_yesterday_and_month_are_split_at_local_midnight_not_utc_midnight()
    {
        await AppendAsync(
            // 00:30 Berlin today (23:30 UTC yesterday): today in Berlin, yesterday in UTC.
            PagesTestEvents.Create(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero), 4_000_000_000, service: "checkout", tags: Feature("summarize")),
            // 09:00 Berlin yesterday: before the same time of day, so in the comparison.
            PagesTestEvents.Create(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), 2_000_000_000, service: "checkout", tags: Feature("search")),
            // 20:00 Berlin yesterday: after 11:30, left out of the comparison but in the month.
            PagesTestEvents.Create(new DateTimeOffset(2026, 11, 22, 19, 0, 0, TimeSpan.Zero), 1_000_000_000, model: "claude", service: "bot"),
            // 00:30 Berlin on Nov 1 (23:30 UTC Oct 31): this month in Berlin.
            PagesTestEvents.Create(new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero), 500_000_000, service: "bot"),
            // October, early: inside the previous month's same elapsed span.
            PagesTestEvents.Create(new DateTimeOffset(2026, 10, 2, 12, 0, 0, TimeSpan.Zero), 250_000_000, service: "bot"),
            PagesTestEvents.Create(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), null, model: "lab-model"));

        var report = await OverviewReportBuilder.BuildAsync(_store, _projectId, Now, Berlin, OverviewChartKind.Day, TestContext.Current.CancellationToken);

        Assert.Equal(4_000_000_000, report.Today.CurrentNanoUsd);
        Assert.Equal(2_000_000_000, report.Today.PreviousNanoUsd);
        Assert.Equal(100m, report.Today.PercentChange);
        Assert.Equal(7_500_000_000, report.Month.CurrentNanoUsd);
        Assert.Equal(250_000_000, report.Month.PreviousNanoUsd);
        Assert.Equal(1, report.MonthUnpricedEvents);
        Assert.True(report.HasEvents);
        Assert.NotNull(report.Forecast);

        var services = report.TopLists.Single(l => l.TestId == "top-services");
        Assert.Equal(["checkout", "bot", null], services.Items.Select(i => i.Value));
        Assert.Equal(7_500_000_000, services.WholeNanoUsd);
        var features = report.TopLists.Single(l => l.TestId == "top-features");
        Assert.Equal(4_000_000_000, features.Items.Single(i => i.Value == "summarize").CostNanoUsd);

        // Day chart: Nov 1 … Nov 23 local days; the 00:30 events land on their Berlin day.
        Assert.Equal(23, report.Chart.Buckets.Count);
        Assert.Equal(500_000_000, report.Chart.BucketTotal(0));
        Assert.Equal(4_000_000_000, report.Chart.BucketTotal(22));
        Assert.Equal(report.Month.CurrentNanoUsd, report.Chart.Series.Sum(s => s.Total));
    }

    [Fact]
    public async Task A_project_without_events_has_no_forecast_and_reports_no_events()
    {
        var report = await OverviewReportBuilder.BuildAsync(_store, _projectId, Now, Berlin, OverviewChartKind.Hour, TestContext.Current.CancellationToken);

        Assert.False(report.HasEvents);
        Assert.Null(report.Forecast);
        Assert.Null(report.Month.PercentChange);
        Assert.Equal(48, report.Chart.Buckets.Count);
    }

    private static Dictionary<string, string> Feature(string name) => new() { ["feature"] = name };

    private async Task AppendAsync(params PricedEvent[] events) =>
        await _store.AppendEventsAsync(_projectId, events, TestContext.Current.CancellationToken);
}
