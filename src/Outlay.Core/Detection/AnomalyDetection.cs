using Outlay.Core.Findings;

namespace Outlay.Core.Detection;

/// <summary>Every detector over one project's data at one instant.</summary>
public static class AnomalyDetection
{
    /// <summary>The spike series dimensions: key label, service, feature and customer.</summary>
    public static IReadOnlyList<string> SpikeDimensions { get; } = ["key_label", "service", "tag.feature", "tag.customer"];

    /// <summary>
    /// Runs every detector over <paramref name="input"/> as of <paramref name="now"/>: the observations, most urgent
    /// kind first (the order of <see cref="FindingKinds.All"/>). Pure: the same input and instant give the same list.
    /// </summary>
    public static IReadOnlyList<FindingObservation> Detect(string projectId, DetectionInput input, DetectionOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        IEnumerable<FindingObservation> all =
        [
            .. RetiredCredentialDetector.Detect(projectId, input.Places, input.Retirements),
            .. RunawayLoopDetector.Detect(projectId, input.Usage, options.Loops, now),
            .. SeasonalSpikeDetector.Detect(projectId, input.SpikeSeries, options.Spikes, now),
            .. NoveltyDetector.Detect(projectId, input.Places, options.Novelty, now),
            .. UnusualHourDetector.Detect(projectId, input.Usage, options.UnusualHours, now),
            .. TokensPerCallDriftDetector.Detect(projectId, input.FeatureModelHours, options.Drift, now),
        ];
        var order = FindingKinds.All.Select((kind, i) => (kind, i)).ToDictionary(x => x.kind, x => x.i, StringComparer.Ordinal);
        return all.OrderBy(o => order.GetValueOrDefault(o.Kind, int.MaxValue)).ToList();
    }
}
