namespace Outlay.Core.Detection;

/// <summary>Thresholds of <see cref="TokensPerCallDriftDetector"/>.</summary>
public sealed record TokensPerCallDriftOptions
{
    /// <summary>Days before the last 24 hours whose daily means form the baseline. Default 14.</summary>
    public int BaselineDays { get; init; } = 14;

    /// <summary>How many times the baseline the last 24 hours' input tokens per call must be. Default 3.</summary>
    public int Multiplier { get; init; } = 3;

    /// <summary>Least calls in the last 24 hours, and in the baseline days together. Default 50.</summary>
    public long MinimumCalls { get; init; } = 50;
}
