using Outlay.Core.Findings;
using Outlay.Core.Querying;

namespace Outlay.Core.Detection;

/// <summary>
/// Spend and token spikes of a series (a key label, service, feature or customer) against its seasonal baseline: the
/// same hour of the week in each of the prior weeks, as a median and median absolute deviation (MAD). An hour spikes
/// when it is above median + k·MAD and above a minimum amount; the MAD has a floor of a share of the median, so a
/// perfectly flat history is not infinitely sensitive. A series needs use in a few prior weeks, so a new series never
/// alerts, and only completed hours are judged.
/// </summary>
public static class SeasonalSpikeDetector
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>
    /// Observations for the most recent completed hours before <paramref name="now"/>: a spend spike, or, when spend did
    /// not spike (an unpriced or cheap model), a token spike; at most one per series and hour.
    /// </summary>
    public static IReadOnlyList<FindingObservation> Detect(string projectId, IReadOnlyList<SpikeSeriesHour> hours, SpikeOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(options);
        var currentHour = DetectionText.HourOf(now);
        var observations = new List<FindingObservation>();
        foreach (var series in hours.Where(h => h.Value.Length > 0).GroupBy(h => (h.Dimension, h.Value)).OrderBy(g => g.Key.Dimension, StringComparer.Ordinal).ThenBy(g => g.Key.Value, StringComparer.Ordinal))
        {
            var byHour = new Dictionary<DateTimeOffset, (long Cost, long Tokens)>();
            foreach (var h in series)
            {
                var key = DetectionText.HourOf(h.Hour);
                byHour[key] = byHour.TryGetValue(key, out var sum)
                    ? (RobustStatistics.SaturatingAdd(sum.Cost, h.CostNanoUsd), RobustStatistics.SaturatingAdd(sum.Tokens, h.Tokens))
                    : (h.CostNanoUsd, h.Tokens);
            }

            for (var back = options.EvaluatedHours; back >= 1; back--)
            {
                var hour = currentHour.AddHours(-back);
                if (Evaluate(projectId, series.Key.Dimension, series.Key.Value, hour, byHour, options) is { } observation)
                {
                    observations.Add(observation);
                }
            }
        }

        return observations;
    }

    private static FindingObservation? Evaluate(string projectId, string dimension, string value, DateTimeOffset hour, Dictionary<DateTimeOffset, (long Cost, long Tokens)> byHour, SpikeOptions options)
    {
        byHour.TryGetValue(hour, out var observed);
        var costs = new List<long>();
        var tokens = new List<long>();
        for (var week = 1; week <= options.BaselineWeeks; week++)
        {
            // A week counts when the series was used at all in it ([hour − k weeks, hour − (k − 1) weeks)); a silent
            // same hour of a used week is a zero, which is what makes a 3 a.m. burst stand out.
            var start = hour - (week * Week);
            if (!byHour.Any(h => h.Key >= start && h.Key < start + Week && (h.Value.Cost > 0 || h.Value.Tokens > 0)))
            {
                continue;
            }

            byHour.TryGetValue(start, out var same);
            costs.Add(same.Cost);
            tokens.Add(same.Tokens);
        }

        if (costs.Count < options.MinimumWeeksWithData)
        {
            return null;
        }

        if (Test(costs, observed.Cost, options.MinimumSpendNanoUsd, options) is { } spend)
        {
            var (median, mad, threshold) = spend;
            return Observation(
                projectId, FindingKinds.SpendSpike, dimension, value, hour,
                $"spend {UsdText.FormatNano(observed.Cost)} in {DetectionText.HourSpan(hour)}, {DetectionText.Ratio(observed.Cost, median)} its usual {UsdText.FormatNano(median)}",
                $"median of the same hour of week over the last {costs.Count} weeks with use {UsdText.FormatNano(median)} (MAD {UsdText.FormatNano(mad)}); threshold median + {options.DeviationMultiplier} MAD (MAD at least {options.MinimumDeviationPercentOfMedian}% of the median) and at least {UsdText.FormatNano(options.MinimumSpendNanoUsd)}: {UsdText.FormatNano(threshold)}.",
                $"{DetectionText.PerHour(median)} (median of {costs.Count} same hours of week)",
                DetectionText.PerHour(observed.Cost));
        }

        if (Test(tokens, observed.Tokens, options.MinimumTokens, options) is { } token)
        {
            var (median, mad, threshold) = token;
            return Observation(
                projectId, FindingKinds.TokenSpike, dimension, value, hour,
                $"{UsdText.Tokens(observed.Tokens)} tokens in {DetectionText.HourSpan(hour)}, {DetectionText.Ratio(observed.Tokens, median)} its usual {UsdText.Tokens(median)}",
                $"median of the same hour of week over the last {tokens.Count} weeks with use {UsdText.Tokens(median)} tokens (MAD {UsdText.Tokens(mad)}); threshold median + {options.DeviationMultiplier} MAD (MAD at least {options.MinimumDeviationPercentOfMedian}% of the median) and at least {UsdText.Tokens(options.MinimumTokens)} tokens: {UsdText.Tokens(threshold)}.",
                $"{UsdText.Tokens(median)} tokens/h (median of {tokens.Count} same hours of week)",
                $"{UsdText.Tokens(observed.Tokens)} tokens/h");
        }

        return null;
    }

    /// <summary>The baseline and threshold when <paramref name="observed"/> spikes above <paramref name="history"/>; else null.</summary>
    private static (long Median, long Mad, long Threshold)? Test(List<long> history, long observed, long minimum, SpikeOptions options)
    {
        var median = RobustStatistics.Median(history);
        var mad = RobustStatistics.MedianAbsoluteDeviation(history, median);
        var effectiveMad = Math.Max(mad, RobustStatistics.SaturatingMultiply(median / 100, options.MinimumDeviationPercentOfMedian));
        var threshold = Math.Max(
            RobustStatistics.SaturatingAdd(median, RobustStatistics.SaturatingMultiply(effectiveMad, options.DeviationMultiplier)),
            minimum);
        return observed > threshold ? (median, mad, threshold) : null;
    }

    private static FindingObservation Observation(string projectId, string kind, string dimension, string value, DateTimeOffset hour, string what, string detail, string expected, string observed)
    {
        var subject = $"{dimension}|{value}";
        return DetectionText.Bounded(new FindingObservation(
            projectId,
            kind,
            FindingSeverity.Warning,
            $"{kind}|{subject}|{DetectionText.HourKey(hour)}",
            subject,
            $"{DimensionName(dimension)} {value}: {what}",
            detail,
            PlaceOf(dimension, value),
            expected,
            observed,
            null,
            hour.AddHours(1)));
    }

    private static string DimensionName(string dimension) => dimension switch
    {
        "key_label" => "Key label",
        "service" => "Service",
        "tag.feature" => "Feature",
        "tag.customer" => "Customer",
        _ => dimension,
    };

    private static FindingPlace PlaceOf(string dimension, string value) => dimension switch
    {
        "key_label" => new FindingPlace(KeyLabel: value),
        "service" => new FindingPlace(Service: value),
        "tag.feature" => new FindingPlace(Feature: value),
        "tag.customer" => new FindingPlace(Customer: value),
        _ => FindingPlace.Unknown,
    };
}
