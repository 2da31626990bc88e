using Outlay.Core.Credentials;
using Outlay.Core.Findings;
using Outlay.Core.Querying;

namespace Outlay.Core.Detection;

/// <summary>
/// A retired key label still in use: every place whose last event is at or after the label's retirement time. One
/// observation per place, so the rotation runbook gets a list of exactly what still needs moving.
/// </summary>
public static class RetiredCredentialDetector
{
    /// <summary>Critical <c>retired_credential_in_use</c> observations, one per place, seen at the place's last event.</summary>
    public static IReadOnlyList<FindingObservation> Detect(string projectId, IReadOnlyList<CredentialPlace> places, IReadOnlyList<CredentialRetirement> retirements)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(retirements);
        var retiredAt = retirements.ToDictionary(r => r.KeyLabel, StringComparer.Ordinal);
        var observations = new List<FindingObservation>();
        var inUse = places
            .Where(p => retiredAt.TryGetValue(p.KeyLabel, out var r) && p.LastSeen >= r.RetiredAt)
            .OrderBy(p => p.KeyLabel, StringComparer.Ordinal).ThenBy(p => p.Service, StringComparer.Ordinal).ThenBy(p => p.Environment, StringComparer.Ordinal)
            .ThenBy(p => p.Instance, StringComparer.Ordinal).ThenBy(p => p.Model, StringComparer.Ordinal);
        foreach (var place in inUse)
        {
            var retirement = retiredAt[place.KeyLabel];
            var where = $"service {DetectionText.Shown(place.Service)}, environment {DetectionText.Shown(place.Environment)}, instance {DetectionText.Shown(place.Instance)}";
            var replacement = retirement.ReplacedBy is { } next ? $" It is replaced by {next}: move this place to it, then rotate the old key at the provider." : " Move this place to the new credential.";
            observations.Add(DetectionText.Bounded(new FindingObservation(
                projectId,
                FindingKinds.RetiredCredentialInUse,
                FindingSeverity.Critical,
                $"{FindingKinds.RetiredCredentialInUse}|{place.KeyLabel}|{place.Service}|{place.Environment}|{place.Instance}|{place.Model}",
                place.KeyLabel,
                $"Retired key label {place.KeyLabel} still in use by {where} (model {place.Model}), last at {DetectionText.Instant(place.LastSeen)}",
                $"The label was retired at {DetectionText.Instant(retirement.RetiredAt)}; any event with it at or after that time is a retired credential in use. This place (model {place.Model}) has {UsdText.Tokens(place.Events)} events from {DetectionText.Instant(place.FirstSeen)} to {DetectionText.Instant(place.LastSeen)}.{replacement}",
                new FindingPlace(KeyLabel: place.KeyLabel, Service: DetectionText.NullIfEmpty(place.Service), Environment: DetectionText.NullIfEmpty(place.Environment), Instance: DetectionText.NullIfEmpty(place.Instance), Model: place.Model),
                $"no use after {DetectionText.Instant(retirement.RetiredAt)} (retired)",
                $"last used {DetectionText.Instant(place.LastSeen)}",
                null,
                place.LastSeen)));
        }

        return observations;
    }
}
