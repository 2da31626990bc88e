using Outlay.Core.Findings;
using Outlay.Core.Querying;

namespace Outlay.Core.Detection;

/// <summary>
/// A prompt that quietly grew: a feature's input tokens per call to one model over the last 24 completed hours against
/// its baseline, the median of the daily means of the days before. Both sides need enough calls to mean something.
/// </summary>
public static class TokensPerCallDriftDetector
{
    /// <summary>
    /// At most one observation per (feature, model), judged on the 24 hours before the hour holding
    /// <paramref name="now"/>; its fingerprint holds that hour's UTC day, so a lasting drift is one finding a day.
    /// </summary>
    public static IReadOnlyList<FindingObservation> Detect(string projectId, IReadOnlyList<FeatureModelHour> hours, TokensPerCallDriftOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(options);
        var end = DetectionText.HourOf(now);
        var windowStart = end.AddDays(-1);
        var baselineStart = windowStart.AddDays(-options.BaselineDays);
        var observations = new List<FindingObservation>();
        foreach (var series in hours.Where(h => h.Feature.Length > 0 && h.Hour >= baselineStart && h.Hour < end).GroupBy(h => (h.Feature, h.Model)).OrderBy(g => g.Key.Feature, StringComparer.Ordinal).ThenBy(g => g.Key.Model, StringComparer.Ordinal))
        {
            var window = series.Where(h => h.Hour >= windowStart).ToList();
            var calls = window.Sum(h => h.Events);
            var baseline = series
                .Where(h => h.Hour < windowStart)
                .GroupBy(h => (int)((h.Hour - baselineStart).Ticks / TimeSpan.TicksPerDay))
                .Select(day => (Calls: day.Sum(h => h.Events), Tokens: day.Sum(h => h.InputTokens)))
                .Where(day => day.Calls > 0)
                .ToList();
            var baselineCalls = baseline.Sum(d => d.Calls);
            if (calls < options.MinimumCalls || baselineCalls < options.MinimumCalls)
            {
                continue;
            }

            // Means of token counts are decimals: exact enough for a ratio, and no money is involved.
            var mean = (decimal)window.Sum(h => h.InputTokens) / calls;
            var usual = RobustStatistics.Median(baseline.Select(d => (decimal)d.Tokens / d.Calls).ToArray());
            if (mean < usual * options.Multiplier)
            {
                continue;
            }

            var (feature, model) = series.Key;
            var subject = $"{feature}|{model}";
            observations.Add(DetectionText.Bounded(new FindingObservation(
                projectId,
                FindingKinds.TokensPerCallDrift,
                FindingSeverity.Warning,
                $"{FindingKinds.TokensPerCallDrift}|{subject}|{end.UtcDateTime:yyyy-MM-dd}",
                subject,
                $"Feature {feature} on {model}: {DetectionText.Number(mean)} input tokens per call over the last 24 hours, {DetectionText.Ratio(mean, usual)} its usual {DetectionText.Number(usual)}",
                $"Baseline: the median of the daily mean input tokens per call on the {baseline.Count} days with calls of the {options.BaselineDays} days before the last 24 hours ({UsdText.Tokens(baselineCalls)} calls), {DetectionText.Number(usual)}; drift is {options.Multiplier}× that or more with at least {UsdText.Tokens(options.MinimumCalls)} calls on both sides. Last 24 hours: {UsdText.Tokens(calls)} calls to {DetectionText.Instant(end)}.",
                new FindingPlace(Model: model, Feature: feature),
                $"{DetectionText.Number(usual)} input tokens/call (median daily mean, {baseline.Count} days)",
                $"{DetectionText.Number(mean)} input tokens/call ({UsdText.Tokens(calls)} calls in 24 h)",
                null,
                end)));
        }

        return observations;
    }
}
