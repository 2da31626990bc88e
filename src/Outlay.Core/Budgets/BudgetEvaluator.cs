using System.Globalization;
using Outlay.Core.Forecasting;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Core.Budgets;

/// <summary>
/// Measures a budget against stored spend. Spend is read through <see cref="SpendQueries.RunAsync"/> with the scope as
/// filters: the same idempotent hourly rollups reports read, so duplicates and retries never inflate it and a price
/// correction shows at once.
/// </summary>
public static class BudgetEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="budget"/> as of <paramref name="now"/>. Calendar periods are forecast with
    /// <see cref="SpendForecaster"/> (spent so far plus the trailing 7-day hourly rate × hours left). A rolling window
    /// has no end to project to: its forecast is the current rate held steady, which keeps the window at what it holds
    /// now, so the projection equals the spend in the window.
    /// </summary>
    public static Task<BudgetEvaluation> EvaluateAsync(IOutlayStore store, BudgetDefinition budget, DateTimeOffset now, CancellationToken ct = default) =>
        EvaluateAsync(store, budget, now, includeForecast: true, ct);

    /// <summary>
    /// As <see cref="EvaluateAsync(IOutlayStore, BudgetDefinition, DateTimeOffset, CancellationToken)"/>; without
    /// <paramref name="includeForecast"/> only the spend is read (one query), for status answers that never show a forecast.
    /// </summary>
    public static async Task<BudgetEvaluation> EvaluateAsync(IOutlayStore store, BudgetDefinition budget, DateTimeOffset now, bool includeForecast, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(budget);
        if (budget.Period.UnknownTimeZoneId is { } zoneId)
        {
            return Unevaluable(budget, now, $"time zone {zoneId} is not known on this server");
        }

        var period = BudgetPeriodCalculator.Current(budget.Period, now);

        // Rollups are hourly: the current hour counts with what it holds so far. In zones offset by 30 or 45 minutes
        // the hour that straddles local midnight is floored into the period that starts inside it.
        var to = HourAlignment.Ceiling(now < period.End ? now : period.End);
        var from = HourAlignment.Floor(period.Start);
        var spent = 0L;
        var unpriced = 0L;
        if (to > from)
        {
            var query = new SpendQuery(from, to, [], SpendInterval.None, budget.Scope) { TimeZone = budget.Period.TimeZone };
            var result = await SpendQueries.RunAsync(store, budget.ProjectId, query, ct).ConfigureAwait(false);
            spent = result.TotalCostNanoUsd;
            unpriced = result.UnpricedEvents;
        }

        SpendForecast? forecast;
        string explanation;
        if (!includeForecast)
        {
            forecast = null;
            explanation = "Not forecast.";
        }
        else if (budget.Period.Kind == BudgetPeriodKind.Rolling)
        {
            var hours = budget.Period.RollingHours!.Value;
            forecast = SpendForecaster.Project(period, period.End, spent, spent, TimeSpan.FromHours(hours));
            explanation = string.Create(
                CultureInfo.InvariantCulture,
                $"Rolling {hours}-hour window: the last {hours} hours hold {UsdText.FormatNano(spent)}; at that rate the window keeps holding {UsdText.FormatNano(spent)}.");
            forecast = forecast with { AsOf = now, Explanation = explanation };
        }
        else
        {
            forecast = await SpendForecaster.ForecastAsync(store, budget.ProjectId, period, now, budget.Scope, ct).ConfigureAwait(false);
            explanation = forecast?.Explanation ?? "No spend in this budget's scope yet, so there is no rate to project.";
        }

        return new BudgetEvaluation(
            budget,
            period,
            now,
            spent,
            unpriced,
            Percent(spent, budget.AmountNanoUsd),
            StateOf(spent, budget),
            budget.Thresholds.Where(t => Reached(spent, budget.AmountNanoUsd, t)).ToList(),
            forecast,
            forecast is null ? null : Percent(forecast.ProjectedNanoUsd, budget.AmountNanoUsd),
            explanation);
    }

    /// <summary>The state of <paramref name="spentNanoUsd"/> against <paramref name="budget"/>, compared exactly in integers.</summary>
    public static BudgetState StateOf(long spentNanoUsd, BudgetDefinition budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (Reached(spentNanoUsd, budget.AmountNanoUsd, 100))
        {
            return BudgetState.Exceeded;
        }

        var lowest = budget.Thresholds.Count == 0 ? 100 : budget.Thresholds.Min();
        return Reached(spentNanoUsd, budget.AmountNanoUsd, lowest) ? BudgetState.Warning : BudgetState.Ok;
    }

    /// <summary>The text of a state: <c>ok</c>, <c>warning</c>, <c>exceeded</c> or <c>error</c>.</summary>
    public static string StateName(BudgetState state) => state switch
    {
        BudgetState.Ok => "ok",
        BudgetState.Warning => "warning",
        BudgetState.Error => "error",
        _ => "exceeded",
    };

    /// <summary>An evaluation that reports <paramref name="error"/>: an empty period at <paramref name="now"/>, nothing spent.</summary>
    private static BudgetEvaluation Unevaluable(BudgetDefinition budget, DateTimeOffset now, string error) =>
        new(budget, new SpendPeriod(now, now, "Unknown"), now, 0, 0, 0m, BudgetState.Error, [], null, null, "Not evaluated: " + error + ".")
        {
            Error = error,
        };

    // spent / amount ≥ percent / 100, without rounding: Int128 cannot overflow for long × 1000.
    private static bool Reached(long spent, long amount, int percent) => (Int128)spent * 100 >= (Int128)amount * percent;

    private static decimal Percent(long spent, long amount) =>
        decimal.Round(spent * 100m / amount, 2, MidpointRounding.AwayFromZero);
}
