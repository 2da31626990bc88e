using System.Globalization;
using Outlay.Core.Findings;

namespace Outlay.Core.Reconciliation;

/// <summary>
/// Turns the mapped provider usage of each (day, provider, key label) into an untracked-usage observation when the
/// tracked events of that label (every model, every tier) do not explain it. Fingerprint
/// <c>provider|label|yyyy-MM-dd</c> (one finding per key and day); subject <c>provider|label</c> (a snooze covers
/// later days).
/// </summary>
internal static class UntrackedUsage
{
    public static IReadOnlyList<FindingObservation> Observe(
        string projectId,
        List<ProviderGroup> groups,
        ILookup<(DateTimeOffset Day, string Provider, string KeyLabel), TrackedEntry> trackedByLabel,
        DateTimeOffset now,
        ReconciliationOptions options)
    {
        var observations = new List<FindingObservation>();
        var perLabel = groups
            .Where(g => g.KeyLabel is not null)
            .GroupBy(g => (g.Day, g.Provider, KeyLabel: g.KeyLabel!))
            .OrderBy(g => g.Key.Day)
            .ThenBy(g => g.Key.Provider, StringComparer.Ordinal)
            .ThenBy(g => g.Key.KeyLabel, StringComparer.Ordinal);
        foreach (var day in perLabel)
        {
            var reportedIn = day.Sum(g => g.InputTokens);
            var reportedOut = day.Sum(g => g.OutputTokens);
            var trackedRows = trackedByLabel[day.Key].Select(t => t.Usage).ToList();
            var trackedIn = trackedRows.Sum(t => t.InputTokens);
            var trackedOut = trackedRows.Sum(t => t.OutputTokens);
            var events = trackedRows.Sum(t => t.Events);
            var measure = Unexplained(reportedIn, reportedOut, trackedIn, trackedOut, events, options);
            if (measure is null)
            {
                continue;
            }

            observations.Add(Observation(projectId, day.Key, [.. day], measure.Value, (reportedIn, reportedOut), (trackedIn, trackedOut, events), now));
        }

        return observations;
    }

    /// <summary>Which measure the tracked events fail to explain (input or output tokens), or null when they explain both.</summary>
    private static (string Name, long Reported, long Tracked)? Unexplained(
        long reportedIn, long reportedOut, long trackedIn, long trackedOut, long events, ReconciliationOptions options)
    {
        if (events == 0)
        {
            return reportedIn + reportedOut >= options.MinimumUntrackedTokens ? ("tokens", reportedIn + reportedOut, 0) : null;
        }

        if (reportedIn - trackedIn >= options.MinimumUntrackedTokens && reportedIn >= options.UntrackedRatio * trackedIn)
        {
            return ("input tokens", reportedIn, trackedIn);
        }

        if (reportedOut - trackedOut >= options.MinimumUntrackedTokens && reportedOut >= options.UntrackedRatio * trackedOut)
        {
            return ("output tokens", reportedOut, trackedOut);
        }

        return null;
    }

    private static FindingObservation Observation(
        string projectId,
        (DateTimeOffset Day, string Provider, string KeyLabel) key,
        List<ProviderGroup> groups,
        (string Name, long Reported, long Tracked) measure,
        (long In, long Out) reported,
        (long In, long Out, long Events) tracked,
        DateTimeOffset now)
    {
        var provider = Reconciler.DisplayName(key.Provider);
        var date = key.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var summary = measure.Tracked == 0
            ? $"{provider} reports {Reconciler.Count(measure.Reported)} {measure.Name} on key {key.KeyLabel} on {date}, and no tracked event explains them"
            : $"{provider} reports {Ratio(measure.Reported, measure.Tracked)}× the tracked {measure.Name} on key {key.KeyLabel} on {date}";
        var references = string.Join(", ", groups.SelectMany(g => g.References).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var models = groups.SelectMany(g => g.Models).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var batch = groups.Sum(g => g.BatchTokens);
        var detail =
            $"{provider} reports {Reconciler.Count(reported.In)} input and {Reconciler.Count(reported.Out)} output tokens on {references} " +
            $"(mapped to key label {key.KeyLabel}) on {date}" +
            (models.Count > 0 ? $" for {string.Join(", ", models)}" : string.Empty) +
            (batch > 0 ? $", {Reconciler.Count(batch)} of them in the batch tier" : string.Empty) +
            $"; Outlay tracked {Reconciler.Count(tracked.In)} input and {Reconciler.Count(tracked.Out)} output tokens in {Reconciler.Count(tracked.Events)} events with that label. " +
            "Usage that no instrumented service reported is the signature of a leaked key: check where the key is used, and rotate it if the usage is not yours.";
        return new FindingObservation(
            projectId,
            FindingKinds.UntrackedUsage,
            FindingSeverity.Critical,
            Truncate($"{key.Provider}|{key.KeyLabel}|{date}", FindingObservation.MaxIdentityLength),
            Truncate($"{key.Provider}|{key.KeyLabel}", FindingObservation.MaxIdentityLength),
            Truncate(summary, FindingObservation.MaxSummaryLength),
            Truncate(detail, FindingObservation.MaxDetailLength),
            new FindingPlace(KeyLabel: key.KeyLabel, Model: models.Count == 1 ? models[0] : null, Provider: key.Provider),
            $"{Reconciler.Count(measure.Tracked)} {measure.Name} tracked ({Reconciler.Count(tracked.Events)} events)",
            $"{Reconciler.Count(measure.Reported)} {measure.Name} reported by {provider}",
            null,
            now);
    }

    private static string Ratio(long reported, long tracked) =>
        decimal.Round((decimal)reported / tracked, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
