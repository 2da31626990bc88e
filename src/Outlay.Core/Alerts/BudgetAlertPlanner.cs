using System.Globalization;
using Outlay.Core.Budgets;

namespace Outlay.Core.Alerts;

/// <summary>
/// Decides which alerts a budget's evaluation makes due. Pure: the store's unique key, not this class, makes each
/// alert fire once, so the planner may name the same alert on every run.
/// </summary>
public static class BudgetAlertPlanner
{
    /// <summary>The threshold recorded for a forecast alert: the projection reached 100% of the amount.</summary>
    public const int ForecastThreshold = 100;

    /// <summary>
    /// History a forecast must rest on before it may alert: 24 hours. A projection from the first minutes of spend
    /// stretches one burst over the whole period (a new project "on pace" for 15,000%); it is shown with its
    /// explanation, but only a day's rate is worth waking someone for.
    /// </summary>
    public const int MinimumForecastBasisHours = 24;

    /// <summary>
    /// Alerts due for <paramref name="evaluation"/>, fired at <paramref name="firedAt"/>: one per threshold the exact
    /// spend has reached in the current period, and for calendar periods one forecast alert when the projection is at
    /// least the amount and rests on at least <see cref="MinimumForecastBasisHours"/> of history. A rolling window has no calendar period, so its alerts belong to fixed buckets of the window's
    /// length counted from the Unix epoch: a threshold held continuously fires again at most once per window length.
    /// Rolling windows get no forecast alert (their projection is their current spend, already a threshold).
    /// </summary>
    public static IReadOnlyList<BudgetAlert> Due(BudgetEvaluation evaluation, DateTimeOffset firedAt)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        var budget = evaluation.Budget;
        var periodStart = PeriodKey(budget.Period, evaluation.Period.Start, evaluation.AsOf);
        var due = new List<BudgetAlert>();
        foreach (var threshold in evaluation.ThresholdsCrossed)
        {
            due.Add(Make(evaluation, periodStart, BudgetAlertKind.Threshold, threshold, firedAt, evaluation.Percentage));
        }

        if (budget.Period.Kind != BudgetPeriodKind.Rolling
            && evaluation.Forecast is { } forecast
            && forecast.BasisHours >= MinimumForecastBasisHours
            && forecast.ProjectedNanoUsd >= budget.AmountNanoUsd)
        {
            due.Add(Make(evaluation, periodStart, BudgetAlertKind.Forecast, ForecastThreshold, firedAt, evaluation.ForecastPercentage ?? 0m));
        }

        return due;
    }

    /// <summary>The period an alert is keyed by: the calendar period's start, or the rolling window's epoch bucket.</summary>
    public static DateTimeOffset PeriodKey(BudgetPeriod period, DateTimeOffset periodStart, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (period.Kind != BudgetPeriodKind.Rolling)
        {
            return periodStart.ToUniversalTime();
        }

        var windowMs = (long)period.RollingHours!.Value * 3_600_000L;
        var ms = asOf.ToUnixTimeMilliseconds();
        return DateTimeOffset.FromUnixTimeMilliseconds(ms - (((ms % windowMs) + windowMs) % windowMs));
    }

    private static BudgetAlert Make(BudgetEvaluation evaluation, DateTimeOffset periodStart, BudgetAlertKind kind, int threshold, DateTimeOffset firedAt, decimal percent) =>
        new(
            evaluation.Budget.ProjectId,
            evaluation.Budget.Id,
            evaluation.Budget.Name,
            periodStart,
            kind,
            threshold,
            firedAt,
            evaluation.SpentNanoUsd,
            evaluation.Budget.AmountNanoUsd,
            percent.ToString("0.00", CultureInfo.InvariantCulture));
}
