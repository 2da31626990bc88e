namespace Outlay.Core.Detection;

/// <summary>
/// Thresholds of every anomaly detector, grouped by detector. Each default is on its property; <see cref="Default"/>
/// holds them all.
/// </summary>
public sealed record DetectionOptions
{
    /// <summary>Every default.</summary>
    public static DetectionOptions Default { get; } = new();

    /// <summary>Spend and token spikes. Default <see cref="SpikeOptions"/>' defaults.</summary>
    public SpikeOptions Spikes { get; init; } = new();

    /// <summary>Runaway loops. Default <see cref="RunawayLoopOptions"/>' defaults.</summary>
    public RunawayLoopOptions Loops { get; init; } = new();

    /// <summary>New model, environment and instance. Default <see cref="NoveltyOptions"/>' defaults.</summary>
    public NoveltyOptions Novelty { get; init; } = new();

    /// <summary>Use at an hour a label is never used. Default <see cref="UnusualHourOptions"/>' defaults.</summary>
    public UnusualHourOptions UnusualHours { get; init; } = new();

    /// <summary>Tokens-per-call drift. Default <see cref="TokensPerCallDriftOptions"/>' defaults.</summary>
    public TokensPerCallDriftOptions Drift { get; init; } = new();

    /// <summary>How far back the detection worker reads hourly usage: the longest window any detector needs. Default 5 weeks.</summary>
    public TimeSpan History { get; init; } = TimeSpan.FromDays(35);
}
