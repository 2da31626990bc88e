using Outlay.Core.Credentials;
using Outlay.Core.Findings;
using Outlay.Core.Querying;

namespace Outlay.Core.Detection;

/// <summary>
/// A key label turning up somewhere new: a model, environment or instance first seen on it in the lookback window that
/// none of its older places had. Only labels used for longer than a warm-up are judged, so a brand new label never
/// alerts, and an unset column is never "new" (an event that omits its instance is not a new machine).
/// </summary>
public static class NoveltyDetector
{
    /// <summary>
    /// One observation per new value (not per place): <c>new_environment</c> (warning), <c>new_instance</c> (warning
    /// when its service is new to the label too, else info) and <c>new_model</c> (info).
    /// </summary>
    public static IReadOnlyList<FindingObservation> Detect(string projectId, IReadOnlyList<CredentialPlace> places, NoveltyOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(options);
        var since = now - options.Lookback;
        var observations = new List<FindingObservation>();
        foreach (var label in places.GroupBy(p => p.KeyLabel).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var firstUse = label.Min(p => p.FirstSeen);
            if (firstUse > now - options.WarmUp)
            {
                continue;
            }

            var older = label.Where(p => p.FirstSeen < since).ToList();
            var recent = label.Where(p => p.FirstSeen >= since).ToList();
            if (older.Count == 0 || recent.Count == 0)
            {
                continue;
            }

            var oldServices = older.Select(p => p.Service).ToHashSet(StringComparer.Ordinal);
            observations.AddRange(NewValues(projectId, label.Key, FindingKinds.NewEnvironment, "environment", p => p.Environment, older, recent, firstUse, options.Lookback, _ => FindingSeverity.Warning));
            observations.AddRange(NewValues(
                projectId, label.Key, FindingKinds.NewInstance, "instance", p => p.Instance, older, recent, firstUse, options.Lookback,
                at => at.Any(p => !oldServices.Contains(p.Service)) ? FindingSeverity.Warning : FindingSeverity.Info));
            observations.AddRange(NewValues(projectId, label.Key, FindingKinds.NewModel, "model", p => p.Model, older, recent, firstUse, options.Lookback, _ => FindingSeverity.Info));
        }

        return observations;
    }

    private static IEnumerable<FindingObservation> NewValues(
        string projectId,
        string label,
        string kind,
        string column,
        Func<CredentialPlace, string> valueOf,
        List<CredentialPlace> older,
        List<CredentialPlace> recent,
        DateTimeOffset firstUse,
        TimeSpan lookback,
        Func<List<CredentialPlace>, FindingSeverity> severityOf)
    {
        var known = older.Select(valueOf).ToHashSet(StringComparer.Ordinal);
        var fresh = recent
            .Where(p => valueOf(p).Length > 0 && !known.Contains(valueOf(p)))
            .GroupBy(valueOf, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var value in fresh)
        {
            var at = value.OrderBy(p => p.FirstSeen).ThenBy(p => p.Service, StringComparer.Ordinal).ToList();
            var first = at[0];
            var knownList = string.Join(", ", known.Select(DetectionText.Shown).Order(StringComparer.Ordinal).Take(10)) + (known.Count > 10 ? $" and {known.Count - 10} more" : "");
            var places = string.Join("; ", at.Take(5).Select(p => $"service {DetectionText.Shown(p.Service)}, environment {DetectionText.Shown(p.Environment)}, instance {DetectionText.Shown(p.Instance)}, model {p.Model}"));
            var severity = severityOf(at);
            var newService = kind == FindingKinds.NewInstance && severity == FindingSeverity.Warning ? " from a service new to it too" : "";
            yield return DetectionText.Bounded(new FindingObservation(
                projectId,
                kind,
                severity,
                $"{kind}|{label}|{value.Key}",
                label,
                $"Key label {label} used with {column} {value.Key} for the first time{newService} (since {DetectionText.Instant(first.FirstSeen)}, {UsdText.Tokens(at.Sum(p => p.Events))} calls)",
                $"The label has been in use since {DetectionText.Instant(firstUse)}; until {DetectionText.Instant(at[0].FirstSeen)} it was only seen with {column} {knownList}. A {column} first seen in the last {DetectionText.Duration(lookback)} that the label never had before is new. Seen at: {places}{(at.Count > 5 ? $"; and {at.Count - 5} more places" : "")}.",
                new FindingPlace(KeyLabel: label, Service: DetectionText.NullIfEmpty(first.Service), Environment: DetectionText.NullIfEmpty(first.Environment), Instance: DetectionText.NullIfEmpty(first.Instance), Model: first.Model),
                $"{column} {knownList}",
                $"{column} {value.Key}",
                null,
                first.FirstSeen));
        }
    }
}
