using System.Globalization;

namespace Outlay.LoadTest.Dashboard;

/// <summary>Nearest-rank percentiles of a set of timings in milliseconds.</summary>
internal sealed class LatencySummary
{
    private readonly double[] _sorted;

    public LatencySummary(IEnumerable<double> milliseconds) => _sorted = milliseconds.Order().ToArray();

    public int Count => _sorted.Length;

    public double P50 => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Max => Percentile(1.0);

    public double Percentile(double p) =>
        _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    /// <summary>"p50 / p95 / max" with one decimal, e.g. <c>12.3 / 15.0 / 18.2</c>.</summary>
    public string Text() => string.Create(CultureInfo.InvariantCulture, $"{P50,8:0.0} {P95,8:0.0} {Max,8:0.0}");
}
