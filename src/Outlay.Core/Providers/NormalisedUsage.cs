using Outlay.Core.Events;

namespace Outlay.Core.Providers;

/// <summary>
/// Builds a <see cref="TokenUsage"/> from counts already converted to v1 meaning (input inclusive of cache,
/// output inclusive of reasoning), repairing what a provider got wrong.
/// </summary>
/// <remarks>
/// Every count is clamped at 0. The reported total input is trusted over its parts: when cache reads and
/// writes add up to more than the input, they are trimmed to fit, cache reads first, then 5-minute writes,
/// then 1-hour writes (so the cheapest bucket keeps its tokens and the total stays what the provider billed).
/// Reasoning is likewise trimmed to the output. This keeps <see cref="TokenUsage.UncachedInputTokens"/>
/// meaningful and never invents tokens the provider did not report.
/// </remarks>
internal static class NormalisedUsage
{
    public static TokenUsage Create(
        long input,
        long output,
        long cacheRead = 0,
        long cacheWrite5m = 0,
        long cacheWrite1h = 0,
        long reasoning = 0)
    {
        input = Math.Max(0, input);
        output = Math.Max(0, output);
        var remaining = input;
        var read = Fit(cacheRead, ref remaining);
        var write5m = Fit(cacheWrite5m, ref remaining);
        var write1h = Fit(cacheWrite1h, ref remaining);
        var thinking = Math.Clamp(reasoning, 0, output);
        return new TokenUsage(input, output, read, write5m, write1h, thinking);
    }

    private static long Fit(long count, ref long remaining)
    {
        var fitted = Math.Clamp(count, 0, remaining);
        remaining -= fitted;
        return fitted;
    }
}
