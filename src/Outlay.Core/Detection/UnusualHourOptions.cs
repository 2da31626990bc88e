namespace Outlay.Core.Detection;

/// <summary>Thresholds of <see cref="UnusualHourDetector"/>.</summary>
public sealed record UnusualHourOptions
{
    /// <summary>Days before the evaluated hour whose same UTC hour of day must all be silent. Default 28 (4 weeks).</summary>
    public int BaselineDays { get; init; } = 28;

    /// <summary>
    /// Days of those on which the label must have been used at all, so a rarely used label, whose silent hours mean
    /// nothing, never alerts. Default 7.
    /// </summary>
    public int MinimumActiveDays { get; init; } = 7;

    /// <summary>How many of the most recent hours are evaluated, the current partial hour included. Default 2.</summary>
    public int EvaluatedHours { get; init; } = 2;
}
