using System.Globalization;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Core.Forecasting;

/// <summary>
/// Projects spend to the end of a period with a deliberately simple method a person can check by hand:
/// projected = spent so far in the period + recent hourly rate × hours remaining, where the recent rate is the spend
/// over the trailing 7 × 24 hours (or over the history available, if shorter, but at least one hour) divided by those hours.
/// </summary>
public static class SpendForecaster
{
    /// <summary>Length of the trailing window the rate is taken from: 168 hours (7 days).</summary>
    public static readonly TimeSpan BasisWindow = TimeSpan.FromDays(7);

    private static readonly TimeSpan MinimumBasis = TimeSpan.FromHours(1);

    /// <summary>
    /// Forecasts <paramref name="period"/> for <paramref name="projectId"/> as of <paramref name="now"/>, optionally
    /// narrowed by <paramref name="filters"/> (e.g. one model). Returns null when the project has no spend history at
    /// all before <paramref name="now"/>. Rollups are hourly, so the period start is truncated to its hour and the
    /// current hour counts with whatever it holds so far.
    /// </summary>
    public static async Task<SpendForecast?> ForecastAsync(
        IOutlayStore store,
        string projectId,
        SpendPeriod period,
        DateTimeOffset now,
        IReadOnlyList<SpendFilter>? filters = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(period);
        filters ??= [];

        var spent = 0L;
        if (now > period.Start)
        {
            var periodEnd = now < period.End ? now : period.End;
            var soFar = await store.QuerySpendAsync(
                projectId, new SpendQuery(period.Start, periodEnd, [], SpendInterval.None, filters), ct).ConfigureAwait(false);
            spent = soFar.TotalCostNanoUsd;
        }

        var windowStart = HourAlignment.Ceiling(now) - BasisWindow;
        var recent = await store.QuerySpendAsync(
            projectId, new SpendQuery(windowStart, now, [], SpendInterval.Hour, filters), ct).ConfigureAwait(false);
        DateTimeOffset? firstHour = null;
        foreach (var row in recent.Rows)
        {
            if (row.Events > 0 && row.Bucket is { } bucket && (firstHour is null || bucket < firstHour))
            {
                firstHour = bucket;
            }
        }

        TimeSpan basis;
        if (firstHour is { } first && first > windowStart)
        {
            // Only part of the window has history: older data would make it the full window.
            var older = windowStart - SpendQueryParser.MaxRange + TimeSpan.FromDays(1);
            var before = await store.QuerySpendAsync(
                projectId, new SpendQuery(older, windowStart, [], SpendInterval.None, filters), ct).ConfigureAwait(false);
            basis = HasEvents(before) ? now - windowStart : now - first;
        }
        else if (firstHour is not null)
        {
            basis = now - windowStart;
        }
        else
        {
            var older = windowStart - SpendQueryParser.MaxRange + TimeSpan.FromDays(1);
            var before = await store.QuerySpendAsync(
                projectId, new SpendQuery(older, windowStart, [], SpendInterval.None, filters), ct).ConfigureAwait(false);
            if (!HasEvents(before))
            {
                return null;
            }

            basis = now - windowStart;
        }

        return Project(period, now, spent, recent.TotalCostNanoUsd, basis);
    }

    /// <summary>
    /// The arithmetic alone: <paramref name="spentNanoUsd"/> in the period so far plus <paramref name="basisNanoUsd"/>
    /// spent over <paramref name="basis"/> (raised to at least one hour), extended over the time from
    /// <paramref name="now"/> to the period's end.
    /// </summary>
    public static SpendForecast Project(SpendPeriod period, DateTimeOffset now, long spentNanoUsd, long basisNanoUsd, TimeSpan basis)
    {
        ArgumentNullException.ThrowIfNull(period);
        if (basis < MinimumBasis)
        {
            basis = MinimumBasis;
        }

        var from = now > period.Start ? now : period.Start;
        var remaining = period.End > from ? period.End - from : TimeSpan.Zero;
        var basisHours = Hours(basis);
        var remainingHours = Hours(remaining);
        var ratePerDay = RoundNano(basisNanoUsd * 24m / basisHours);
        var projected = checked(spentNanoUsd + RoundNano(basisNanoUsd * remainingHours / basisHours));
        var explanation = string.Create(
            CultureInfo.InvariantCulture,
            $"{period.Name}-to-date {UsdText.FormatNano(spentNanoUsd)} plus the {DescribeBasis(basisHours)} average of {UsdText.FormatNano(ratePerDay)}/day for the remaining {DescribeRemaining(remainingHours)}.");
        return new SpendForecast(period, now, spentNanoUsd, basisNanoUsd, basisHours, ratePerDay, remainingHours, projected, explanation);
    }

    private static bool HasEvents(SpendResult result)
    {
        foreach (var row in result.Rows)
        {
            if (row.Events > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static decimal Hours(TimeSpan span) => (decimal)span.Ticks / TimeSpan.TicksPerHour;

    private static long RoundNano(decimal nano) => checked((long)decimal.Round(nano, 0, MidpointRounding.AwayFromZero));

    private static string DescribeBasis(decimal hours)
    {
        if (hours >= 167m)
        {
            return "last 7 days'";
        }

        return hours >= 48m
            ? string.Create(CultureInfo.InvariantCulture, $"last {decimal.Round(hours / 24m, 1):0.#} days'")
            : string.Create(CultureInfo.InvariantCulture, $"last {decimal.Round(hours, 1):0.#} hours'");
    }

    private static string DescribeRemaining(decimal hours)
    {
        if (hours >= 48m)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{decimal.Round(hours / 24m, 1):0.#} days");
        }

        var rounded = decimal.Round(hours, 1);
        return string.Create(CultureInfo.InvariantCulture, $"{rounded:0.#} {(rounded == 1m ? "hour" : "hours")}");
    }
}
