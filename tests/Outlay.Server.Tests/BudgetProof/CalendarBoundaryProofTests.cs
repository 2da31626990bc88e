namespace Outlay.Server.Tests.BudgetProof;

/// <summary>
/// Calendar periods end where the budget's zone says, through real ingest and the server's alert worker on a fake clock:
/// spend just before a boundary counts in the period it ends, spend just after in the next, and a new period fires its
/// thresholds again. Each case would show a 100% alert if the boundary were off by an hour, since both sides together
/// reach 120% of the budget.
/// </summary>
public sealed class CalendarBoundaryProofTests
{
    private const long Dollar = 1_000_000_000L;

    [Fact]
    public async Task Month_end_in_New_York_splits_at_local_midnight_and_the_next_month_alerts_again()
    {
        using var folder = new ProofFolder();
        var clock = new ProofClock(Local("2026-10-31T23:45:00-04:00"));
        await using var server = await ProofServer.StartAsync(clock, folder.Path);
        var budget = await server.AddBudgetAsync("""{"name":"NY month","amount":10,"period":"month","time_zone":"America/New_York"}""");

        // 23:30 on 31 October in New York is 03:30 UTC on 1 November: it belongs to October there.
        await server.PostAsync(ProofServer.Event(Local("2026-10-31T23:30:00-04:00"), 6m), ProofServer.Event(Local("2026-09-30T23:30:00-04:00"), 5m));
        await server.RunAlertsAsync();
        var october = await server.EvaluationAsync(budget);

        clock.Set(Local("2026-11-01T00:45:00-04:00"));
        await server.PostAsync(ProofServer.Event(Local("2026-11-01T00:30:00-04:00"), 6m));
        await server.RunAlertsAsync();
        var november = await server.EvaluationAsync(budget);

        Assert.Equal(6 * Dollar, october.GetProperty("spent_nano_usd").GetInt64());
        Assert.Equal(Local("2026-10-01T00:00:00-04:00"), october.GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal(Local("2026-11-01T00:00:00-04:00"), october.GetProperty("period_end").GetDateTimeOffset());
        Assert.Equal(6 * Dollar, november.GetProperty("spent_nano_usd").GetInt64());
        Assert.Equal(Local("2026-12-01T00:00:00-05:00"), november.GetProperty("period_end").GetDateTimeOffset());
        Assert.Equal(["threshold 50 @2026-10-01T04:00Z", "threshold 50 @2026-11-01T04:00Z"], await server.ThresholdAlertsAsync());
    }

    [Fact]
    public async Task A_Berlin_day_budget_spans_23_hours_on_the_spring_change_and_25_on_the_autumn_change()
    {
        using var folder = new ProofFolder();
        var clock = new ProofClock(Local("2026-03-29T23:45:00+02:00"));
        await using var server = await ProofServer.StartAsync(clock, folder.Path);
        var budget = await server.AddBudgetAsync("""{"name":"Berlin day","amount":10,"period":"day","time_zone":"Europe/Berlin"}""");

        // 29 March 2026: 00:00 CET (+01:00) to 24:00 CEST (+02:00), 23 hours.
        await server.PostAsync(
            ProofServer.Event(Local("2026-03-28T23:50:00+01:00"), 5m),
            ProofServer.Event(Local("2026-03-29T00:10:00+01:00"), 3m),
            ProofServer.Event(Local("2026-03-29T23:30:00+02:00"), 3m));
        await server.RunAlertsAsync();
        var spring = await server.EvaluationAsync(budget);
        clock.Set(Local("2026-03-30T00:45:00+02:00"));
        await server.PostAsync(ProofServer.Event(Local("2026-03-30T00:30:00+02:00"), 6m));
        await server.RunAlertsAsync();
        var springNext = await server.EvaluationAsync(budget);

        // 25 October 2026: 00:00 CEST (+02:00) to 24:00 CET (+01:00), 25 hours.
        clock.Set(Local("2026-10-25T23:55:00+01:00"));
        await server.PostAsync(
            ProofServer.Event(Local("2026-10-24T23:50:00+02:00"), 5m),
            ProofServer.Event(Local("2026-10-25T00:10:00+02:00"), 3m),
            ProofServer.Event(Local("2026-10-25T23:50:00+01:00"), 3m));
        await server.RunAlertsAsync();
        var autumn = await server.EvaluationAsync(budget);
        clock.Set(Local("2026-10-26T00:20:00+01:00"));
        await server.PostAsync(ProofServer.Event(Local("2026-10-26T00:10:00+01:00"), 6m));
        await server.RunAlertsAsync();

        Assert.Equal(TimeSpan.FromHours(23), Length(spring));
        Assert.Equal(6 * Dollar, spring.GetProperty("spent_nano_usd").GetInt64());
        Assert.Equal(6 * Dollar, springNext.GetProperty("spent_nano_usd").GetInt64());
        Assert.Equal(TimeSpan.FromHours(25), Length(autumn));
        Assert.Equal(6 * Dollar, autumn.GetProperty("spent_nano_usd").GetInt64());
        Assert.Equal(
            [
                "threshold 50 @2026-03-28T23:00Z", "threshold 50 @2026-03-29T22:00Z",
                "threshold 50 @2026-10-24T22:00Z", "threshold 50 @2026-10-25T23:00Z",
            ],
            await server.ThresholdAlertsAsync());
    }

    [Fact]
    public async Task A_week_budget_runs_Monday_to_Sunday_across_the_new_year_and_resets_on_Monday()
    {
        using var folder = new ProofFolder();

        // ISO week 53 of 2026: Monday 28 December 2026 to Sunday 3 January 2027.
        var clock = new ProofClock(Local("2027-01-03T23:45:00Z"));
        await using var server = await ProofServer.StartAsync(clock, folder.Path);
        var budget = await server.AddBudgetAsync("""{"name":"Week","amount":10,"period":"week","time_zone":"UTC"}""");
        await server.PostAsync(
            ProofServer.Event(Local("2026-12-27T23:30:00Z"), 5m),
            ProofServer.Event(Local("2026-12-28T00:30:00Z"), 3m),
            ProofServer.Event(Local("2027-01-03T23:30:00Z"), 3m));
        await server.RunAlertsAsync();
        var week = await server.EvaluationAsync(budget);
        clock.Set(Local("2027-01-04T00:45:00Z"));
        await server.PostAsync(ProofServer.Event(Local("2027-01-04T00:30:00Z"), 6m));
        await server.RunAlertsAsync();
        var next = await server.EvaluationAsync(budget);

        Assert.Equal(Local("2026-12-28T00:00:00Z"), week.GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal(TimeSpan.FromDays(7), Length(week));
        Assert.Equal(6 * Dollar, week.GetProperty("spent_nano_usd").GetInt64());
        Assert.Equal(6 * Dollar, next.GetProperty("spent_nano_usd").GetInt64());
        Assert.Equal(["threshold 50 @2026-12-28T00:00Z", "threshold 50 @2027-01-04T00:00Z"], await server.ThresholdAlertsAsync());
    }

    [Fact]
    public async Task A_quarter_budget_in_Sydney_follows_local_quarters_across_a_daylight_saving_change()
    {
        using var folder = new ProofFolder();

        // Q2 2026 in Sydney: 1 April 00:00 AEDT (+11:00) to 1 July 00:00 AEST (+10:00); daylight saving ends on 5 April.
        var clock = new ProofClock(Local("2026-06-30T23:45:00+10:00"));
        await using var server = await ProofServer.StartAsync(clock, folder.Path);
        var budget = await server.AddBudgetAsync("""{"name":"Quarter","amount":10,"period":"quarter","time_zone":"Australia/Sydney"}""");
        await server.PostAsync(
            ProofServer.Event(Local("2026-03-31T23:30:00+11:00"), 5m),
            ProofServer.Event(Local("2026-04-01T00:30:00+11:00"), 3m),
            ProofServer.Event(Local("2026-06-30T23:30:00+10:00"), 3m));
        await server.RunAlertsAsync();
        var quarter = await server.EvaluationAsync(budget);
        clock.Set(Local("2026-07-01T00:45:00+10:00"));
        await server.PostAsync(ProofServer.Event(Local("2026-07-01T00:30:00+10:00"), 6m));
        await server.RunAlertsAsync();
        var next = await server.EvaluationAsync(budget);

        Assert.Equal(Local("2026-04-01T00:00:00+11:00"), quarter.GetProperty("period_start").GetDateTimeOffset());
        Assert.Equal(Local("2026-07-01T00:00:00+10:00"), quarter.GetProperty("period_end").GetDateTimeOffset());
        Assert.Equal(6 * Dollar, quarter.GetProperty("spent_nano_usd").GetInt64());
        Assert.Equal(6 * Dollar, next.GetProperty("spent_nano_usd").GetInt64());
        Assert.Equal(["threshold 50 @2026-03-31T13:00Z", "threshold 50 @2026-06-30T14:00Z"], await server.ThresholdAlertsAsync());
    }

    private static DateTimeOffset Local(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static TimeSpan Length(System.Text.Json.JsonElement evaluation) =>
        evaluation.GetProperty("period_end").GetDateTimeOffset() - evaluation.GetProperty("period_start").GetDateTimeOffset();
}
