namespace Outlay.Core.Storage.Transfer;

/// <summary>Sums over every stored event of one project, read from the events themselves (not the rollups).</summary>
/// <param name="Events">Stored events.</param>
/// <param name="UnpricedEvents">Events without a server price.</param>
/// <param name="CostNanoUsd">Sum of the server's cost, nano-dollars (unpriced events add nothing).</param>
/// <param name="InputTokens">Sum of input tokens.</param>
/// <param name="OutputTokens">Sum of output tokens.</param>
/// <param name="CacheReadTokens">Sum of cache read tokens.</param>
/// <param name="CacheWriteTokens">Sum of cache write tokens.</param>
/// <param name="CacheWrite1hTokens">Sum of one-hour cache write tokens.</param>
/// <param name="ReasoningTokens">Sum of reasoning tokens.</param>
public sealed record EventTotals(
    long Events,
    long UnpricedEvents,
    long CostNanoUsd,
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens,
    long CacheWriteTokens,
    long CacheWrite1hTokens,
    long ReasoningTokens)
{
    /// <summary>No events.</summary>
    public static EventTotals Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
