using Outlay.Core.Credentials;
using Outlay.Core.Detection;
using Outlay.Core.Findings;
using static Outlay.Core.Tests.Detection.SyntheticUsage;

namespace Outlay.Core.Tests.Detection;

public sealed class UnusualHourDetectorTests
{
    private static readonly UnusualHourOptions Options = new();

    /// <summary>Tuesday 2026-11-24 03:20 UTC.</summary>
    private static readonly DateTimeOffset Night = new(2026, 11, 24, 3, 20, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset NightHour = new(2026, 11, 24, 3, 0, 0, TimeSpan.Zero);

    /// <summary><paramref name="days"/> days of office hours (08:00–18:00 UTC) on every day <paramref name="used"/> says, then 42 calls at 03:00.</summary>
    private static List<CredentialUsageRow> OfficeHours(int days = 35, Func<DateTimeOffset, bool>? used = null)
    {
        var rows = Hours(NightHour.AddDays(-days), NightHour)
            .Where(h => h.Hour is >= 8 and < 18 && (used?.Invoke(h) ?? true))
            .Select(h => Row(h, 20))
            .ToList();
        rows.Add(Row(NightHour, 40, instance: "host-9"));
        rows.Add(Row(NightHour, 2, instance: "host-1"));
        return rows;
    }

    [Fact]
    public void Use_at_an_hour_never_used_before_is_one_observation()
    {
        var observation = Assert.Single(UnusualHourDetector.Detect("p1", OfficeHours(), Options, Night));

        Assert.Equal(FindingKinds.UnusualHour, observation.Kind);
        Assert.Equal(FindingSeverity.Warning, observation.Severity);
        Assert.Equal("unusual_hour|openai-prod|2026-11-24T03", observation.Fingerprint);
        Assert.Equal("openai-prod", observation.Subject);
        Assert.Equal(new FindingPlace(KeyLabel: "openai-prod", Service: "checkout", Environment: "prod", Instance: "host-9", Model: "gpt-4o", Feature: "summarize"), observation.Place);
        Assert.Equal("no calls at 03:00–04:00 UTC (none on any of the last 28 days)", observation.Expected);
        Assert.Equal("42 calls in Tue 2026-11-24 03:00–04:00 UTC", observation.Observed);
        Assert.Equal(NightHour, observation.At);
    }

    [Fact]
    public void Quiet_when_that_hour_was_used_once_before() =>
        Assert.Empty(UnusualHourDetector.Detect("p1", [.. OfficeHours(), Row(NightHour.AddDays(-12), 1)], Options, Night));

    [Fact]
    public void Quiet_for_a_label_used_around_the_clock() =>
        Assert.Empty(UnusualHourDetector.Detect("p1", Hours(NightHour.AddDays(-35), NightHour.AddHours(1)).Select(h => Row(h, 3)).ToList(), Options, Night));

    [Fact]
    public void Quiet_for_a_label_younger_than_four_weeks() =>
        Assert.Empty(UnusualHourDetector.Detect("p1", OfficeHours(days: 20), Options, Night));

    [Fact]
    public void Quiet_for_a_label_used_on_few_days() =>
        // Used on the 6th, 12th, 18th, 24th and 30th of the month only: 4 of the last 28 days, so its silent hours mean nothing.
        Assert.Empty(UnusualHourDetector.Detect("p1", OfficeHours(used: h => h.Day % 6 == 0), Options, Night));
}
