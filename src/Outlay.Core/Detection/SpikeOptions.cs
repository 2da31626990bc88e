namespace Outlay.Core.Detection;

/// <summary>Thresholds of <see cref="SeasonalSpikeDetector"/>.</summary>
public sealed record SpikeOptions
{
    /// <summary>Prior weeks whose same hour of week form the baseline. Default 4.</summary>
    public int BaselineWeeks { get; init; } = 4;

    /// <summary>
    /// Prior weeks in which the series must have had any use before it can spike, so a new series never alerts.
    /// Default 2.
    /// </summary>
    public int MinimumWeeksWithData { get; init; } = 2;

    /// <summary>How many median absolute deviations above the median an hour must be. Default 6.</summary>
    public int DeviationMultiplier { get; init; } = 6;

    /// <summary>
    /// Smallest deviation used, as a percentage of the median, so a perfectly flat history is not infinitely
    /// sensitive. Default 10 (with <see cref="DeviationMultiplier"/> 6, at least 1.6× the median).
    /// </summary>
    public int MinimumDeviationPercentOfMedian { get; init; } = 10;

    /// <summary>Least spend in one hour that can be a spend spike, in nano-dollars. Default $5 (5,000,000,000).</summary>
    public long MinimumSpendNanoUsd { get; init; } = 5_000_000_000L;

    /// <summary>Least tokens (input + output) in one hour that can be a token spike. Default 1,000,000.</summary>
    public long MinimumTokens { get; init; } = 1_000_000;

    /// <summary>How many of the most recent completed hours are evaluated. Default 2.</summary>
    public int EvaluatedHours { get; init; } = 2;
}
