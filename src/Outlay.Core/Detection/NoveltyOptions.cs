namespace Outlay.Core.Detection;

/// <summary>Thresholds of <see cref="NoveltyDetector"/>.</summary>
public sealed record NoveltyOptions
{
    /// <summary>How old a label's first use must be before anything new on it counts; a newer label never alerts. Default 7 days.</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Places first seen this recently are examined. Default 2 hours.</summary>
    public TimeSpan Lookback { get; init; } = TimeSpan.FromHours(2);
}
