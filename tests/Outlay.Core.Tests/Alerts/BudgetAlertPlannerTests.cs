using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Forecasting;

namespace Outlay.Core.Tests.Alerts;

/// <summary>Which alerts an evaluation makes due, with fixed numbers (a $100 monthly budget, thresholds 50/80/100).</summary>
public sealed class BudgetAlertPlannerTests
{
    private const long Dollar = 1_000_000_000L;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Below_every_threshold_with_a_projection_under_the_amount_nothing_is_due()
    {
        var due = BudgetAlertPlanner.Due(Evaluation(Monthly(), spent: 49 * Dollar, crossed: [], projected: 99 * Dollar), Now);

        Assert.Empty(due);
    }

    [Fact]
    public void Every_reached_threshold_is_due_keyed_by_the_period_start()
    {
        var budget = Monthly();
        var due = BudgetAlertPlanner.Due(Evaluation(budget, spent: 81_250_000_000L, crossed: [50, 80], projected: null), Now);

        Assert.Equal([50, 80], due.Select(d => d.Threshold));
        Assert.All(due, d =>
        {
            Assert.Equal(BudgetAlertKind.Threshold, d.Kind);
            Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), d.PeriodStart);
            Assert.Equal("81.25", d.PercentText);
            Assert.Equal(81_250_000_000L, d.SpentNanoUsd);
            Assert.Equal(100 * Dollar, d.AmountNanoUsd);
            Assert.Equal(budget.Id, d.BudgetId);
            Assert.Equal(budget.ProjectId, d.ProjectId);
            Assert.Equal(Now, d.FiredAt);
        });
    }

    [Fact]
    public void A_projection_at_exactly_the_amount_makes_the_forecast_alert_due_and_one_nano_less_does_not()
    {
        var at = BudgetAlertPlanner.Due(Evaluation(Monthly(), spent: 60 * Dollar, crossed: [50], projected: 100 * Dollar), Now);
        var under = BudgetAlertPlanner.Due(Evaluation(Monthly(), spent: 60 * Dollar, crossed: [50], projected: (100 * Dollar) - 1), Now);

        var forecast = Assert.Single(at, d => d.Kind == BudgetAlertKind.Forecast);
        Assert.Equal(BudgetAlertPlanner.ForecastThreshold, forecast.Threshold);
        Assert.Equal("100.00", forecast.PercentText);
        Assert.DoesNotContain(under, d => d.Kind == BudgetAlertKind.Forecast);
    }

    [Fact]
    public void A_projection_from_less_than_a_day_of_history_does_not_alert_and_a_day_does()
    {
        var young = BudgetAlertPlanner.Due(Evaluation(Monthly(), spent: 1 * Dollar, crossed: [], projected: 500 * Dollar, basisHours: 23.9m), Now);
        var day = BudgetAlertPlanner.Due(Evaluation(Monthly(), spent: 1 * Dollar, crossed: [], projected: 500 * Dollar, basisHours: 24m), Now);

        Assert.Empty(young);
        Assert.Equal(BudgetAlertKind.Forecast, Assert.Single(day).Kind);
    }

    [Fact]
    public void The_next_period_is_a_different_key()
    {
        var budget = Monthly();
        var november = BudgetAlertPlanner.Due(Evaluation(budget, 50 * Dollar, [50], null), Now);
        var december = BudgetAlertPlanner.Due(Evaluation(budget, 50 * Dollar, [50], null, Now.AddMonths(1)), Now.AddMonths(1));

        Assert.NotEqual(november[0].PeriodStart, december[0].PeriodStart);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), december[0].PeriodStart);
    }

    [Fact]
    public void A_rolling_window_has_no_forecast_alert_and_keeps_one_key_within_a_window_length()
    {
        var rolling = BudgetParser.Parse(new BudgetDraft("Burn", "100", null, null, "24h", null, null), "b-r", "p1", Now);
        var morning = BudgetAlertPlanner.Due(Evaluation(rolling, 100 * Dollar, [50, 80, 100], 100 * Dollar), Now);
        var evening = BudgetAlertPlanner.Due(Evaluation(rolling, 100 * Dollar, [50, 80, 100], 100 * Dollar, Now.AddHours(10)), Now.AddHours(10));
        var tomorrow = BudgetAlertPlanner.Due(Evaluation(rolling, 100 * Dollar, [50, 80, 100], 100 * Dollar, Now.AddHours(14)), Now.AddHours(14));

        Assert.DoesNotContain(morning, d => d.Kind == BudgetAlertKind.Forecast);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), morning[0].PeriodStart);
        Assert.Equal(morning[0].PeriodStart, evening[0].PeriodStart);
        Assert.Equal(morning[0].PeriodStart.AddHours(24), tomorrow[0].PeriodStart);
    }

    [Fact]
    public void A_period_in_a_zone_is_keyed_by_its_utc_start()
    {
        var berlin = BudgetParser.Parse(new BudgetDraft("Berlin", "100", "month", "Europe/Berlin", null, null, null), "b-b", "p1", Now);

        var due = BudgetAlertPlanner.Due(Evaluation(berlin, 50 * Dollar, [50], null), Now);

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 23, 0, 0, TimeSpan.Zero), due[0].PeriodStart);
        Assert.Equal(TimeSpan.Zero, due[0].PeriodStart.Offset);
    }

    private static BudgetDefinition Monthly() =>
        BudgetParser.Parse(new BudgetDraft("Prod", "100", "month", "UTC", null, null, null), "b-1", "p1", Now);

    private static BudgetEvaluation Evaluation(BudgetDefinition budget, long spent, int[] crossed, long? projected, DateTimeOffset? at = null, decimal basisHours = 168m)
    {
        var asOf = at ?? Now;
        var period = BudgetPeriodCalculator.Current(budget.Period, asOf);
        var forecast = projected is { } p ? new SpendForecast(period, asOf, spent, spent, basisHours, 0, 0m, p, "fixed") : null;
        return new BudgetEvaluation(
            budget,
            period,
            asOf,
            spent,
            0,
            decimal.Round(spent * 100m / budget.AmountNanoUsd, 2),
            BudgetEvaluator.StateOf(spent, budget),
            crossed,
            forecast,
            projected is { } q ? decimal.Round(q * 100m / budget.AmountNanoUsd, 2) : null,
            "fixed");
    }
}
