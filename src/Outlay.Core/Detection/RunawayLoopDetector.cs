using Outlay.Core.Credentials;
using Outlay.Core.Findings;
using Outlay.Core.Querying;

namespace Outlay.Core.Detection;

/// <summary>
/// Runaway loops: one instance and feature of a key label's service calling far faster than it normally does. The
/// current (partial) hour's calls per minute are compared with the series' normal hourly calls (the median of its active
/// hours over the last days); a series with no history is judged against an absolute ceiling instead.
/// </summary>
public static class RunawayLoopDetector
{
    private static readonly TimeSpan MinimumElapsed = TimeSpan.FromMinutes(1);

    /// <summary>At most one observation per (key label, service, instance, feature) for the hour holding <paramref name="now"/>.</summary>
    public static IReadOnlyList<FindingObservation> Detect(string projectId, IReadOnlyList<CredentialUsageRow> usage, RunawayLoopOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(options);
        var hour = DetectionText.HourOf(now);
        var baselineStart = hour.AddDays(-options.BaselineDays);

        // Elapsed seconds of the hour so far, at least a minute so the first seconds of an hour cannot divide by ~0.
        var elapsed = now - hour < MinimumElapsed ? MinimumElapsed : now - hour;
        var elapsedSeconds = (long)Math.Ceiling(elapsed.TotalSeconds);
        var observations = new List<FindingObservation>();
        var series = usage
            .Where(r => r.Hour >= baselineStart && r.Hour <= hour)
            .GroupBy(r => (r.KeyLabel, r.Service, r.Instance, r.Feature))
            .OrderBy(g => g.Key.KeyLabel, StringComparer.Ordinal).ThenBy(g => g.Key.Service, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Instance, StringComparer.Ordinal).ThenBy(g => g.Key.Feature, StringComparer.Ordinal);
        foreach (var rows in series)
        {
            var current = rows.Where(r => DetectionText.HourOf(r.Hour) == hour).ToList();
            var calls = current.Sum(r => r.Events);
            if (calls == 0)
            {
                continue;
            }

            var activeHours = rows
                .Where(r => r.Hour < hour)
                .GroupBy(r => DetectionText.HourOf(r.Hour))
                .Select(g => g.Sum(r => r.Events))
                .Where(n => n > 0)
                .ToList();
            string expected;
            string rule;
            if (activeHours.Count == 0)
            {
                if (calls < options.CeilingWithoutHistory)
                {
                    continue;
                }

                expected = $"no calls in the last {options.BaselineDays} days; at most {UsdText.Tokens(options.CeilingWithoutHistory)} calls in an hour";
                rule = $"it has no calls in the last {options.BaselineDays} days, and {UsdText.Tokens(options.CeilingWithoutHistory)} or more calls in one hour from one instance and feature are a loop whatever the history.";
            }
            else
            {
                var normal = RobustStatistics.Median(activeHours);

                // calls / elapsed ≥ multiplier × normal / hour, in whole numbers: calls × 3600 ≥ multiplier × normal × elapsed seconds.
                var fast = RobustStatistics.SaturatingMultiply(calls, 3600) >=
                    RobustStatistics.SaturatingMultiply(RobustStatistics.SaturatingMultiply(normal, options.RateMultiplier), elapsedSeconds);
                if (calls < options.MinimumCalls || !fast)
                {
                    continue;
                }

                expected = $"{DetectionText.Number(normal / 60m)} calls/min (median {UsdText.Tokens(normal)} calls per active hour over the last {options.BaselineDays} days)";
                rule = $"normal rate: the median of the calls in each of its {activeHours.Count} active hours over the last {options.BaselineDays} days, {UsdText.Tokens(normal)}/h; a loop runs at {options.RateMultiplier}× that rate or more with at least {UsdText.Tokens(options.MinimumCalls)} calls this hour.";
            }

            var rate = calls * 60m / elapsedSeconds;
            var (label, service, instance, feature) = rows.Key;
            var busiest = current.OrderByDescending(r => r.Events).First();
            var subject = $"{label}|{service}|{instance}|{feature}";
            var where = $"instance {DetectionText.Shown(instance)} of service {DetectionText.Shown(service)}, feature {DetectionText.Shown(feature)}, key label {label}";
            observations.Add(DetectionText.Bounded(new FindingObservation(
                projectId,
                FindingKinds.RunawayLoop,
                FindingSeverity.Warning,
                $"{FindingKinds.RunawayLoop}|{subject}|{DetectionText.HourKey(hour)}",
                subject,
                $"Runaway loop? {UsdText.Tokens(calls)} calls in {DetectionText.Number((decimal)elapsedSeconds / 60)} min from {where}",
                $"{UsdText.Tokens(calls)} calls since {DetectionText.Instant(hour)} ({DetectionText.Number(rate)}/min, most to model {busiest.Model}); {rule}",
                new FindingPlace(KeyLabel: label, Service: DetectionText.NullIfEmpty(service), Environment: DetectionText.NullIfEmpty(busiest.Environment), Instance: DetectionText.NullIfEmpty(instance), Model: busiest.Model, Feature: DetectionText.NullIfEmpty(feature)),
                expected,
                $"{DetectionText.Number(rate)} calls/min ({UsdText.Tokens(calls)} calls in {DetectionText.Number((decimal)elapsedSeconds / 60)} min)",
                null,
                now)));
        }

        return observations;
    }
}
