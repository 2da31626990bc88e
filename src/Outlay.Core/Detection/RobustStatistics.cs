namespace Outlay.Core.Detection;

/// <summary>
/// Medians and median absolute deviations over exact integers and decimals. Detectors never use floating point: money
/// stays in nano-dollars and every comparison is exact, so one history always gives one answer.
/// </summary>
internal static class RobustStatistics
{
    /// <summary>The median of a non-empty list; the mean of the middle two (rounded toward zero) for an even count.</summary>
    public static long Median(IReadOnlyCollection<long> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        // a + (b - a) / 2 cannot overflow for sorted values of one sign, which every caller has (amounts, counts).
        return sorted.Length % 2 == 1 ? sorted[middle] : sorted[middle - 1] + ((sorted[middle] - sorted[middle - 1]) / 2);
    }

    /// <summary>The median of a non-empty list of decimals.</summary>
    public static decimal Median(IReadOnlyCollection<decimal> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The median absolute deviation of a non-empty list from its <paramref name="median"/>.</summary>
    public static long MedianAbsoluteDeviation(IReadOnlyCollection<long> values, long median) =>
        Median(values.Select(v => Math.Abs(v - median)).ToArray());

    /// <summary><paramref name="a"/> + <paramref name="b"/>, or <see cref="long.MaxValue"/> instead of overflowing.</summary>
    public static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary><paramref name="a"/> × <paramref name="b"/> for non-negative values, or <see cref="long.MaxValue"/> instead of overflowing.</summary>
    public static long SaturatingMultiply(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;
}
