using Outlay.Core.Budgets;
using Outlay.Core.Pricing;

namespace Outlay.Server.Budgets;

/// <summary>Builds API items from evaluations.</summary>
internal static class BudgetItems
{
    public static BudgetItem From(BudgetEvaluation evaluation)
    {
        var budget = evaluation.Budget;
        var rolling = budget.Period.Kind == BudgetPeriodKind.Rolling;
        return new BudgetItem(
            budget.Id,
            budget.Name,
            BudgetScope.Format(budget.Scope),
            NanoUsd.ToUsd(budget.AmountNanoUsd),
            budget.AmountNanoUsd,
            budget.Period.KindName,
            rolling ? null : budget.Period.TimeZoneId,
            budget.Period.RollingHours,
            budget.Thresholds,
            budget.CreatedAt,
            new BudgetEvaluationItem(
                evaluation.Period.Start,
                evaluation.Period.End,
                evaluation.AsOf,
                NanoUsd.ToUsd(evaluation.SpentNanoUsd),
                evaluation.SpentNanoUsd,
                evaluation.UnpricedEvents,
                evaluation.Percentage,
                BudgetEvaluator.StateName(evaluation.State),
                evaluation.ThresholdsCrossed,
                evaluation.Forecast is { } f
                    ? new BudgetForecastItem(
                        NanoUsd.ToUsd(f.ProjectedNanoUsd),
                        f.ProjectedNanoUsd,
                        evaluation.ForecastPercentage ?? 0m,
                        NanoUsd.ToUsd(f.RatePerDayNanoUsd),
                        f.BasisHours,
                        f.RemainingHours)
                    : null,
                evaluation.ForecastExplanation,
                evaluation.Error));
    }
}
