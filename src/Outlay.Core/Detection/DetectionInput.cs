using Outlay.Core.Credentials;

namespace Outlay.Core.Detection;

/// <summary>What the detectors of one project read, loaded from the store by the caller.</summary>
/// <param name="Places">Every place a key label has been used (<see cref="NoveltyDetector"/>, <see cref="RetiredCredentialDetector"/>).</param>
/// <param name="Usage">Hourly credential usage over <see cref="DetectionOptions.History"/> (<see cref="RunawayLoopDetector"/>, <see cref="UnusualHourDetector"/>).</param>
/// <param name="SpikeSeries">Hourly spend and tokens per key label, service, feature and customer (<see cref="SeasonalSpikeDetector"/>).</param>
/// <param name="FeatureModelHours">Hourly calls and input tokens per feature and model (<see cref="TokensPerCallDriftDetector"/>).</param>
/// <param name="Retirements">Retired key labels (<see cref="RetiredCredentialDetector"/>).</param>
public sealed record DetectionInput(
    IReadOnlyList<CredentialPlace> Places,
    IReadOnlyList<CredentialUsageRow> Usage,
    IReadOnlyList<SpikeSeriesHour> SpikeSeries,
    IReadOnlyList<FeatureModelHour> FeatureModelHours,
    IReadOnlyList<CredentialRetirement> Retirements);
