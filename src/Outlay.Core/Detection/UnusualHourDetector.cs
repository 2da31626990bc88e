using System.Globalization;
using Outlay.Core.Credentials;
using Outlay.Core.Findings;
using Outlay.Core.Querying;

namespace Outlay.Core.Detection;

/// <summary>
/// A key label used at an hour of the day (UTC) at which it had no call on any of the prior days: a credential of a
/// team that never works at 3 a.m. being used at 3 a.m. Hour of day rather than hour of week: four weeks give each hour
/// of day 28 chances to have been used but each hour of week only 4, so a label with ordinary irregular use would
/// light up the hour-of-week grid with false alarms. Judged only for a label with the full baseline of history that was
/// used on enough of those days (a rarely used label's silent hours mean nothing).
/// </summary>
public static class UnusualHourDetector
{
    /// <summary>At most one observation per label and hour, for the most recent hours (the current partial hour included).</summary>
    public static IReadOnlyList<FindingObservation> Detect(string projectId, IReadOnlyList<CredentialUsageRow> usage, UnusualHourOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(options);
        var currentHour = DetectionText.HourOf(now);
        var observations = new List<FindingObservation>();
        foreach (var label in usage.Where(r => r.Events > 0).GroupBy(r => r.KeyLabel).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var callsByHour = label.GroupBy(r => DetectionText.HourOf(r.Hour)).ToDictionary(g => g.Key, g => g.Sum(r => r.Events));
            var firstHour = callsByHour.Keys.Min();
            for (var back = options.EvaluatedHours - 1; back >= 0; back--)
            {
                var hour = currentHour.AddHours(-back);
                if (!callsByHour.TryGetValue(hour, out var calls) || firstHour > hour.AddDays(-options.BaselineDays))
                {
                    continue;
                }

                var sameHourUsed = false;
                var activeDays = 0;
                for (var day = 1; day <= options.BaselineDays; day++)
                {
                    var dayStart = hour.AddDays(-day);
                    sameHourUsed |= callsByHour.ContainsKey(dayStart);
                    if (callsByHour.Keys.Any(h => h >= dayStart && h < dayStart.AddDays(1)))
                    {
                        activeDays++;
                    }
                }

                if (sameHourUsed || activeDays < options.MinimumActiveDays)
                {
                    continue;
                }

                var busiest = label.Where(r => DetectionText.HourOf(r.Hour) == hour).OrderByDescending(r => r.Events).First();
                var slot = hour.UtcDateTime.ToString("HH:00", CultureInfo.InvariantCulture) + "–" + hour.AddHours(1).UtcDateTime.ToString("HH:00", CultureInfo.InvariantCulture) + " UTC";
                observations.Add(DetectionText.Bounded(new FindingObservation(
                    projectId,
                    FindingKinds.UnusualHour,
                    FindingSeverity.Warning,
                    $"{FindingKinds.UnusualHour}|{label.Key}|{DetectionText.HourKey(hour)}",
                    label.Key,
                    $"Key label {label.Key} used at {slot}, an hour it has not been used at on any of the last {options.BaselineDays} days ({UsdText.Tokens(calls)} calls, mostly from service {DetectionText.Shown(busiest.Service)}, instance {DetectionText.Shown(busiest.Instance)})",
                    $"The label was used on {activeDays} of the {options.BaselineDays} days before {DetectionText.HourSpan(hour)}, never at {slot}; an hour of day silent on every one of those days, for a label used on at least {options.MinimumActiveDays} of them, is unusual. Busiest place this hour: service {DetectionText.Shown(busiest.Service)}, environment {DetectionText.Shown(busiest.Environment)}, instance {DetectionText.Shown(busiest.Instance)}, model {busiest.Model}, feature {DetectionText.Shown(busiest.Feature)}.",
                    new FindingPlace(KeyLabel: label.Key, Service: DetectionText.NullIfEmpty(busiest.Service), Environment: DetectionText.NullIfEmpty(busiest.Environment), Instance: DetectionText.NullIfEmpty(busiest.Instance), Model: busiest.Model, Feature: DetectionText.NullIfEmpty(busiest.Feature)),
                    $"no calls at {slot} (none on any of the last {options.BaselineDays} days)",
                    $"{UsdText.Tokens(calls)} calls in {DetectionText.HourSpan(hour)}",
                    null,
                    hour)));
            }
        }

        return observations;
    }
}
