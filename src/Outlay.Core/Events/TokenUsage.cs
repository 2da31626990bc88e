namespace Outlay.Core.Events;

/// <summary>
/// Normalised token counts of one call, the OpenTelemetry way: <see cref="InputTokens"/> counts all input
/// (cache reads and cache writes included) and <see cref="OutputTokens"/> counts all output (reasoning included).
/// </summary>
public sealed record TokenUsage(
    long InputTokens,
    long OutputTokens,
    long CacheReadTokens = 0,
    long CacheWriteTokens = 0,
    long CacheWrite1hTokens = 0,
    long ReasoningTokens = 0)
{
    /// <summary>Input tokens billed at the plain input rate: all input less cache reads and writes (never negative).</summary>
    public long UncachedInputTokens => Math.Max(0, InputTokens - CacheReadTokens - CacheWriteTokens - CacheWrite1hTokens);
}
