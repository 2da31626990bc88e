namespace Outlay.Core.Reconciliation;

/// <summary>How close is a match, and how large a gap raises an untracked-usage finding.</summary>
public sealed record ReconciliationOptions
{
    /// <summary>Tokens agree when they differ by at most this percentage of the larger figure. Default 2.</summary>
    public decimal TolerancePercent { get; init; } = 2m;

    /// <summary>Tokens also agree when they differ by at most this many (small days). Default 100.</summary>
    public long ToleranceTokens { get; init; } = 100;

    /// <summary>An untracked-usage finding needs the provider to report at least this multiple of the tracked input or output tokens. Default 1.5.</summary>
    public decimal UntrackedRatio { get; init; } = 1.5m;

    /// <summary>…and the untracked tokens (provider minus tracked) to be at least this many. Default 10,000.</summary>
    public long MinimumUntrackedTokens { get; init; } = 10_000;
}
