using Outlay.Core.Detection;
using Outlay.Core.Findings;
using static Outlay.Core.Tests.Detection.SyntheticUsage;

namespace Outlay.Core.Tests.Detection;

public sealed class TokensPerCallDriftDetectorTests
{
    private static readonly TokensPerCallDriftOptions Options = new();

    /// <summary>15 days of 10 calls an hour at 1,000 input tokens per call, the last 24 hours at <paramref name="recentPerCall"/> with <paramref name="recentCallsPerHour"/>.</summary>
    private static List<FeatureModelHour> History(long recentPerCall, long recentCallsPerHour = 10) =>
        Hours(CurrentHour.AddDays(-15), CurrentHour.AddHours(1))
            .Select(h => h >= CurrentHour.AddDays(-1)
                ? new FeatureModelHour(h, "summarize", "gpt-4o", recentCallsPerHour, recentCallsPerHour * recentPerCall)
                : new FeatureModelHour(h, "summarize", "gpt-4o", 10, 10 * 1_000))
            .ToList();

    [Fact]
    public void A_prompt_that_grew_five_times_is_one_observation()
    {
        var observation = Assert.Single(TokensPerCallDriftDetector.Detect("p1", History(5_000), Options, Now));

        Assert.Equal(FindingKinds.TokensPerCallDrift, observation.Kind);
        Assert.Equal(FindingSeverity.Warning, observation.Severity);
        Assert.Equal("tokens_per_call_drift|summarize|gpt-4o|2026-11-23", observation.Fingerprint);
        Assert.Equal("summarize|gpt-4o", observation.Subject);
        Assert.Equal(new FindingPlace(Model: "gpt-4o", Feature: "summarize"), observation.Place);
        Assert.Equal("1,000 input tokens/call (median daily mean, 14 days)", observation.Expected);
        Assert.Equal("5,000 input tokens/call (240 calls in 24 h)", observation.Observed);
        Assert.Equal("Feature summarize on gpt-4o: 5,000 input tokens per call over the last 24 hours, 5× its usual 1,000", observation.Summary);
    }

    [Fact]
    public void A_modest_growth_is_quiet() =>
        Assert.Empty(TokensPerCallDriftDetector.Detect("p1", History(2_900), Options, Now));

    [Fact]
    public void Too_few_recent_calls_are_quiet() =>
        // 24 calls in the last 24 hours, below the 50 both sides need.
        Assert.Empty(TokensPerCallDriftDetector.Detect("p1", History(50_000, recentCallsPerHour: 1), Options, Now));
}
