namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// The switch for the long versions of the reliability proofs: <c>OUTLAY_LONG_TESTS=1</c>. Without it each proof runs
/// its short version, so the default test run still exercises every path.
/// </summary>
internal static class LongTests
{
    /// <summary>Whether <c>OUTLAY_LONG_TESTS</c> is <c>1</c>. Default off.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable("OUTLAY_LONG_TESTS") == "1";

    /// <summary><paramref name="longValue"/> when the switch is on, else <paramref name="shortValue"/>.</summary>
    public static TimeSpan Pick(TimeSpan shortValue, TimeSpan longValue) => Enabled ? longValue : shortValue;
}
