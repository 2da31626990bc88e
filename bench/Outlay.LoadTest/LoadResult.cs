using System.Globalization;

namespace Outlay.LoadTest;

/// <summary>What a load run measured.</summary>
internal sealed record LoadResult(
    TimeSpan Elapsed,
    long Requests,
    long AcceptedEvents,
    long FailedRequests,
    long ThrottledRequests,
    IReadOnlyList<double> LatenciesMs)
{
    public void Print(TextWriter output)
    {
        var sorted = LatenciesMs.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        var eventsPerSecond = AcceptedEvents / Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"acknowledged events/s: {eventsPerSecond:N0}  (events {AcceptedEvents:N0} in {Elapsed.TotalSeconds:0.0}s; requests {Requests:N0}, throttled {ThrottledRequests:N0}, failed {FailedRequests:N0})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"batch acknowledgement latency ms: p50 {Percentile(0.50):0.0}  p90 {Percentile(0.90):0.0}  p99 {Percentile(0.99):0.0}  max {Percentile(1.0):0.0}"));
    }
}
