using Outlay.Core.Credentials;
using Outlay.Core.Detection;
using Outlay.Core.Findings;
using static Outlay.Core.Tests.Detection.SyntheticUsage;

namespace Outlay.Core.Tests.Detection;

public sealed class RunawayLoopDetectorTests
{
    private static readonly RunawayLoopOptions Options = new();

    /// <summary>Seven days of working hours (08:00–18:00) at <paramref name="perHour"/> calls from host-1, then <paramref name="now"/> calls this hour.</summary>
    private static List<CredentialUsageRow> History(long perHour, long thisHour, string instance = "host-1")
    {
        var rows = Hours(CurrentHour.AddDays(-7), CurrentHour)
            .Where(h => h.Hour is >= 8 and < 18)
            .Select(h => Row(h, perHour, instance: instance))
            .ToList();
        rows.Add(Row(CurrentHour, thisHour, instance: instance));
        return rows;
    }

    [Fact]
    public void A_burst_from_one_instance_and_feature_is_one_observation()
    {
        // 1,200 calls in the first 20 minutes: 60/min against a normal 60/h (1/min). Split over two models, summed.
        var rows = History(60, 1_000);
        rows.Add(Row(CurrentHour, 200, model: "gpt-4o-mini"));
        rows.Add(Row(CurrentHour, 5, instance: "host-2"));

        var observation = Assert.Single(RunawayLoopDetector.Detect("p1", rows, Options, Now));

        Assert.Equal(FindingKinds.RunawayLoop, observation.Kind);
        Assert.Equal(FindingSeverity.Warning, observation.Severity);
        Assert.Equal("runaway_loop|openai-prod|checkout|host-1|summarize|2026-11-23T10", observation.Fingerprint);
        Assert.Equal("openai-prod|checkout|host-1|summarize", observation.Subject);
        Assert.Equal(new FindingPlace(KeyLabel: "openai-prod", Service: "checkout", Environment: "prod", Instance: "host-1", Model: "gpt-4o", Feature: "summarize"), observation.Place);
        Assert.Equal("1 calls/min (median 60 calls per active hour over the last 7 days)", observation.Expected);
        Assert.Equal("60 calls/min (1,200 calls in 20 min)", observation.Observed);
        Assert.Equal("Runaway loop? 1,200 calls in 20 min from instance host-1 of service checkout, feature summarize, key label openai-prod", observation.Summary);
        Assert.Contains("a loop runs at 10× that rate or more with at least 300 calls this hour", observation.Detail, StringComparison.Ordinal);
        Assert.Equal(Now, observation.At);
    }

    [Fact]
    public void A_normal_hour_is_quiet() =>
        Assert.Empty(RunawayLoopDetector.Detect("p1", History(60, 25), Options, Now));

    [Fact]
    public void A_fast_but_small_burst_is_below_the_minimum() =>
        // 250 calls in 20 minutes is 375× a normal 2/h, but fewer than 300 calls.
        Assert.Empty(RunawayLoopDetector.Detect("p1", History(2, 250), Options, Now));

    [Fact]
    public void A_series_without_history_is_judged_against_the_ceiling()
    {
        var quiet = new List<CredentialUsageRow> { Row(CurrentHour, 2_999, instance: "new-host") };
        var loop = new List<CredentialUsageRow> { Row(CurrentHour, 3_000, instance: "new-host") };

        Assert.Empty(RunawayLoopDetector.Detect("p1", quiet, Options, Now));
        var observation = Assert.Single(RunawayLoopDetector.Detect("p1", loop, Options, Now));
        Assert.Equal("no calls in the last 7 days; at most 3,000 calls in an hour", observation.Expected);
        Assert.Equal("150 calls/min (3,000 calls in 20 min)", observation.Observed);
    }
}
