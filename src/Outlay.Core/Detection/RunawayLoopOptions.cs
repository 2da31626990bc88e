namespace Outlay.Core.Detection;

/// <summary>Thresholds of <see cref="RunawayLoopDetector"/>.</summary>
public sealed record RunawayLoopOptions
{
    /// <summary>Days of history whose active hours give a series' normal hourly calls. Default 7.</summary>
    public int BaselineDays { get; init; } = 7;

    /// <summary>How many times its normal call rate the current hour must run at. Default 10.</summary>
    public int RateMultiplier { get; init; } = 10;

    /// <summary>Least calls in the current hour so far for a series with history. Default 300.</summary>
    public long MinimumCalls { get; init; } = 300;

    /// <summary>Calls in one hour from a series with no history that are a loop whatever the rate. Default 3,000.</summary>
    public long CeilingWithoutHistory { get; init; } = 3_000;
}
