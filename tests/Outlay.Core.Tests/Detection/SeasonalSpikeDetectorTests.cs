using Outlay.Core.Detection;
using Outlay.Core.Findings;
using static Outlay.Core.Tests.Detection.SyntheticUsage;

namespace Outlay.Core.Tests.Detection;

public sealed class SeasonalSpikeDetectorTests
{
    private static readonly DateTimeOffset SpikeHour = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly SpikeOptions Options = new();

    /// <summary>Five weeks of every hour up to the current one, with <paramref name="amount"/> choosing each hour's (cost, tokens).</summary>
    private static List<SpikeSeriesHour> Series(Func<DateTimeOffset, (long Cost, long Tokens)> amount, string dimension = "key_label", string value = "openai-prod", int weeks = 5) =>
        Hours(CurrentHour.AddDays(-7 * weeks), CurrentHour.AddHours(1))
            .Select(h => (Hour: h, Amount: amount(h)))
            .Select(x => new SpikeSeriesHour(dimension, value, x.Hour, x.Amount.Cost, x.Amount.Tokens))
            .ToList();

    [Fact]
    public void A_spend_spike_is_one_observation_that_explains_itself()
    {
        var hours = Series(h => h == SpikeHour ? (50 * Usd, 5_000_000) : (1 * Usd, 100_000));

        var observation = Assert.Single(SeasonalSpikeDetector.Detect("p1", hours, Options, Now));

        // The token spike of the same hour is not reported beside it: the spend spike already says so.
        Assert.Equal(FindingKinds.SpendSpike, observation.Kind);
        Assert.Equal(FindingSeverity.Warning, observation.Severity);
        Assert.Equal("spend_spike|key_label|openai-prod|2026-11-23T09", observation.Fingerprint);
        Assert.Equal("key_label|openai-prod", observation.Subject);
        Assert.Equal(new FindingPlace(KeyLabel: "openai-prod"), observation.Place);
        Assert.Equal("$1.00/h (median of 4 same hours of week)", observation.Expected);
        Assert.Equal("$50.00/h", observation.Observed);
        Assert.Equal("Key label openai-prod: spend $50.00 in Mon 2026-11-23 09:00–10:00 UTC, 50× its usual $1.00", observation.Summary);
        Assert.Equal(
            "median of the same hour of week over the last 4 weeks with use $1.00 (MAD $0.00); threshold median + 6 MAD (MAD at least 10% of the median) and at least $5.00: $5.00.",
            observation.Detail);
        Assert.Equal(SpikeHour.AddHours(1), observation.At);
        Assert.Equal("p1", observation.ProjectId);
    }

    [Fact]
    public void A_token_spike_of_an_unpriced_model_is_a_token_spike()
    {
        var hours = Series(h => h == SpikeHour ? (0, 5_000_000) : (0, 100_000), dimension: "tag.feature", value: "summarize");

        var observation = Assert.Single(SeasonalSpikeDetector.Detect("p1", hours, Options, Now));

        Assert.Equal(FindingKinds.TokenSpike, observation.Kind);
        Assert.Equal(new FindingPlace(Feature: "summarize"), observation.Place);
        Assert.Equal("100,000 tokens/h (median of 4 same hours of week)", observation.Expected);
        Assert.Equal("5,000,000 tokens/h", observation.Observed);
    }

    [Fact]
    public void A_burst_at_an_hour_that_is_always_silent_spikes_against_zero()
    {
        // Used only in working hours; Monday 09:00 has never been used in prior weeks, but the weeks themselves were.
        var hours = Series(h => h == SpikeHour ? (20 * Usd, 0) : h.Hour is >= 12 and < 18 ? (2 * Usd, 0) : (0, 0));

        var observation = Assert.Single(SeasonalSpikeDetector.Detect("p1", hours, Options, Now));

        Assert.Equal("$0.00/h (median of 4 same hours of week)", observation.Expected);
        Assert.Equal("$20.00/h", observation.Observed);
    }

    [Fact]
    public void A_flat_history_is_quiet() =>
        Assert.Empty(SeasonalSpikeDetector.Detect("p1", Series(_ => (3 * Usd, 300_000)), Options, Now));

    [Fact]
    public void A_busy_monday_morning_every_week_is_quiet() =>
        Assert.Empty(SeasonalSpikeDetector.Detect(
            "p1",
            Series(h => h.DayOfWeek == DayOfWeek.Monday && h.Hour == 9 ? (40 * Usd, 4_000_000) : (1 * Usd, 100_000)),
            Options,
            Now));

    [Fact]
    public void A_noisy_hour_within_its_spread_is_quiet()
    {
        // The same Monday 09:00 was $10, $14, $11 and $13: median $12, MAD $1.50, threshold $21. $16 is above every one
        // of them but within the spread; every other hour wanders between $10 and $14.
        var mondays = new Dictionary<DateTimeOffset, long>
        {
            [SpikeHour.AddDays(-7)] = 10, [SpikeHour.AddDays(-14)] = 14, [SpikeHour.AddDays(-21)] = 11, [SpikeHour.AddDays(-28)] = 13, [SpikeHour] = 16,
        };
        var hours = Series(h => (mondays.TryGetValue(h, out var usd) ? usd * Usd : (10 + (h.Ticks / TimeSpan.TicksPerHour % 5)) * Usd, 0));

        Assert.Empty(SeasonalSpikeDetector.Detect("p1", hours, Options, Now));

        // The same history with $22 at that hour does spike: the quiet answer above is the spread, not a blind detector.
        mondays[SpikeHour] = 22;
        var spike = Assert.Single(SeasonalSpikeDetector.Detect("p1", Series(h => (mondays.TryGetValue(h, out var usd) ? usd * Usd : (10 + (h.Ticks / TimeSpan.TicksPerHour % 5)) * Usd, 0)), Options, Now));
        Assert.Contains("$12.00 (MAD $1.50)", spike.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_series_with_one_prior_week_never_alerts()
    {
        var hours = Series(h => h == SpikeHour ? (500 * Usd, 50_000_000) : (1 * Usd, 100_000), weeks: 1);

        Assert.Empty(SeasonalSpikeDetector.Detect("p1", hours, Options, Now));
    }

    [Fact]
    public void A_small_amount_far_above_a_tiny_baseline_is_below_the_minimum() =>
        Assert.Empty(SeasonalSpikeDetector.Detect(
            "p1",
            Series(h => h == SpikeHour ? (4 * Usd, 900_000) : (Usd / 100, 1_000)),
            Options,
            Now));

    [Fact]
    public void The_current_partial_hour_is_not_judged() =>
        Assert.Empty(SeasonalSpikeDetector.Detect("p1", Series(h => h == CurrentHour ? (90 * Usd, 0) : (1 * Usd, 0)), Options, Now));
}
