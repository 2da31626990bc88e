namespace Outlay.Core.Forecasting;

/// <summary>
/// Projected spend at the end of <see cref="Period"/>: <see cref="SpentNanoUsd"/> so far plus the recent rate times the
/// time left. Money is nano-dollars; hours are exact decimals.
/// </summary>
/// <param name="Period">The period projected.</param>
/// <param name="AsOf">The moment of the forecast.</param>
/// <param name="SpentNanoUsd">Spend from the period's start up to <paramref name="AsOf"/>.</param>
/// <param name="BasisNanoUsd">Spend over the recent window the rate comes from.</param>
/// <param name="BasisHours">Length of that window in hours: 168 (7 days), or the history available if shorter (at least 1).</param>
/// <param name="RatePerDayNanoUsd">Recent rate: <paramref name="BasisNanoUsd"/> ÷ <paramref name="BasisHours"/> × 24.</param>
/// <param name="RemainingHours">Hours from <paramref name="AsOf"/> to the period's end (0 once it has ended).</param>
/// <param name="ProjectedNanoUsd">Spent + basis ÷ basis hours × remaining hours, rounded to the nano-dollar.</param>
/// <param name="Explanation">One sentence a person can check, e.g. "Month-to-date $X plus the last 7 days' average of $Y/day for the remaining 8.5 days."</param>
public sealed record SpendForecast(
    SpendPeriod Period,
    DateTimeOffset AsOf,
    long SpentNanoUsd,
    long BasisNanoUsd,
    decimal BasisHours,
    long RatePerDayNanoUsd,
    decimal RemainingHours,
    long ProjectedNanoUsd,
    string Explanation);
