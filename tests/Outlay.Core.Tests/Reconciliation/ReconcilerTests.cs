using Outlay.Core.Findings;
using Outlay.Core.Reconciliation;

namespace Outlay.Core.Tests.Reconciliation;

public sealed class ReconcilerTests
{
    private const string Project = "proj-1";
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 6, 0, 0, TimeSpan.Zero);

    private static readonly ProviderKeyMapping[] Mappings =
    [
        new(Project, "openai", "key_prod", "openai-prod", Now),
        new(Project, "openai", "key_batch", "openai-batch", Now),
        new(Project, "openai", "proj_reports", "openai-reports", Now),
        new(Project, "anthropic", "apikey_01", "anthropic-prod", Now),
        new("another-project", "openai", "key_other", "not-ours", Now),
    ];

    [Fact]
    public void Leaked_key_pattern_gives_exactly_one_untracked_usage_observation_that_explains_itself()
    {
        var provider = new List<ProviderUsageRecord>();
        var tracked = new List<TrackedUsage>();
        for (var d = 0; d < 7; d++)
        {
            var day = Day.AddDays(-6 + d);
            var factor = day == Day ? 3 : 1;
            provider.Add(Reported(day, "key_prod", "gpt-4o-2024-08-06", 1_000_000 * factor, 20_000 * factor));
            provider.Add(Reported(day, "key_prod", "gpt-4o-mini-2024-07-18", 200_000, 9_000));
            tracked.Add(Tracked(day, "openai-prod", "gpt-4o", 1_000_000, 20_000));
            tracked.Add(Tracked(day, "openai-prod", "gpt-4o-mini", 200_000, 9_000));
        }

        var report = Reconciler.Reconcile(Project, provider, Mappings, tracked, Now);

        var observation = Assert.Single(report.Observations);
        Assert.Equal(FindingKinds.UntrackedUsage, observation.Kind);
        Assert.Equal(FindingSeverity.Critical, observation.Severity);
        Assert.Equal(Project, observation.ProjectId);
        // All models together: 3,200,000 reported against 1,200,000 tracked input tokens is 2.7×.
        Assert.Equal("OpenAI reports 2.7× the tracked input tokens on key openai-prod on 2026-11-20", observation.Summary);
        Assert.Equal("openai|openai-prod|2026-11-20", observation.Fingerprint);
        Assert.Equal("openai|openai-prod", observation.Subject);
        Assert.Equal("1,200,000 input tokens tracked (20 events)", observation.Expected);
        Assert.Equal("3,200,000 input tokens reported by OpenAI", observation.Observed);
        Assert.Equal(new FindingPlace(KeyLabel: "openai-prod", Provider: "openai"), observation.Place);
        Assert.Contains("key_prod", observation.Detail, StringComparison.Ordinal);
        Assert.Equal(Now, observation.At);

        var leaked = Assert.Single(report.Rows, r => r.Cause != ReconciliationCauses.Match);
        Assert.Equal((Day, "gpt-4o-2024-08-06", ReconciliationCauses.UninstrumentedCode), (leaked.Day, leaked.Model, leaked.Cause));
        Assert.Equal((2_040_000L, 200.0m), (leaked.GapTokens, leaked.GapPercent));
        Assert.Equal(14, report.Rows.Count);
    }

    [Fact]
    public void Provider_three_times_tracked_on_one_model_reads_three_times()
    {
        var report = Reconciler.Reconcile(
            Project, [Reported(Day, "key_prod", "gpt-4o-2024-08-06", 3_000_000, 10_000)], Mappings,
            [Tracked(Day, "openai-prod", "gpt-4o", 1_000_000, 10_000)], Now);

        var observation = Assert.Single(report.Observations);
        Assert.Equal("OpenAI reports 3.0× the tracked input tokens on key openai-prod on 2026-11-20", observation.Summary);
        Assert.Equal("gpt-4o-2024-08-06", observation.Place.Model);
    }

    [Fact]
    public void Quiet_matching_history_gives_matches_and_no_observation()
    {
        var provider = new List<ProviderUsageRecord>();
        var tracked = new List<TrackedUsage>();
        for (var d = 0; d < 28; d++)
        {
            var day = Day.AddDays(-d);
            provider.Add(Reported(day, "key_prod", "gpt-4o-2024-08-06", 1_000_000 + d, 20_000, cacheRead: 50_000));
            provider.Add(Reported(day, "", "claude-sonnet-4-20250514", 400_000, 8_000, provider: "anthropic", keyOrProject: ("apikey_01", "wrkspc_1")));
            tracked.Add(Tracked(day, "openai-prod", "gpt-4o-2024-08-06", 995_000, 20_000, cacheRead: 49_500));
            tracked.Add(Tracked(day, "anthropic-prod", "claude-sonnet-4-20250514", 400_000, 8_000, provider: "anthropic"));
        }

        var report = Reconciler.Reconcile(Project, provider, Mappings, tracked, Now);

        Assert.Empty(report.Observations);
        Assert.Equal(56, report.Rows.Count);
        Assert.All(report.Rows, r => Assert.Equal(ReconciliationCauses.Match, r.Cause));
    }

    [Fact]
    public void Unmapped_key_cannot_be_compared_and_raises_nothing()
    {
        var report = Reconciler.Reconcile(Project, [Reported(Day, "key_unknown", "gpt-4o", 5_000_000, 0), Reported(Day, "key_other", "gpt-4o", 5_000_000, 0)], Mappings, [], Now);

        Assert.Equal([ReconciliationCauses.UnmappedKey, ReconciliationCauses.UnmappedKey], report.Rows.Select(r => r.Cause));
        Assert.All(report.Rows, r => Assert.Null(r.KeyLabel));
        Assert.Empty(report.Observations);
    }

    [Fact]
    public void Mapped_key_with_no_tracked_events_is_untracked_key_with_an_observation()
    {
        var report = Reconciler.Reconcile(Project, [Reported(Day, "key_prod", "gpt-4o", 40_000, 2_000)], Mappings, [Tracked(Day.AddDays(-1), "openai-prod", "gpt-4o", 1, 1)], Now);

        var row = Assert.Single(report.Rows);
        Assert.Equal((ReconciliationCauses.UntrackedKey, (decimal?)null, 42_000L), (row.Cause, row.GapPercent, row.GapTokens));
        var observation = Assert.Single(report.Observations);
        Assert.Equal("OpenAI reports 42,000 tokens on key openai-prod on 2026-11-20, and no tracked event explains them", observation.Summary);
        Assert.Equal("0 tokens tracked (0 events)", observation.Expected);
    }

    [Fact]
    public void A_gap_below_the_ratio_or_the_minimum_is_uninstrumented_code_without_an_observation()
    {
        var report = Reconciler.Reconcile(
            Project,
            [Reported(Day, "key_prod", "gpt-4o", 1_300_000, 0), Reported(Day, "key_prod", "gpt-4o-mini", 9_000, 0, cacheRead: 0)],
            Mappings,
            [Tracked(Day, "openai-prod", "gpt-4o", 1_000_000, 0), Tracked(Day, "openai-prod", "gpt-4o-mini", 1_000, 0)],
            Now);

        Assert.Equal([ReconciliationCauses.UninstrumentedCode, ReconciliationCauses.UninstrumentedCode], report.Rows.Select(r => r.Cause));
        Assert.Equal(30.0m, report.Rows[0].GapPercent);
        Assert.Empty(report.Observations);
    }

    [Fact]
    public void Batch_tier_usage_without_tracked_batch_is_batch_not_tracked()
    {
        var report = Reconciler.Reconcile(
            Project,
            [Reported(Day, "key_batch", "gpt-4o", 100_000, 1_000), Reported(Day, "key_batch", "gpt-4o", 50_000, 500, tier: "batch")],
            Mappings,
            [Tracked(Day, "openai-batch", "gpt-4o", 100_000, 1_000)],
            Now);

        var row = Assert.Single(report.Rows);
        Assert.Equal((ReconciliationCauses.BatchNotTracked, 50_500L), (row.Cause, row.ProviderBatchTokens));
    }

    [Fact]
    public void Matching_tokens_with_unpriced_events_is_unpriced_model()
    {
        var report = Reconciler.Reconcile(
            Project, [Reported(Day, "key_prod", "gpt-9-preview", 100_000, 1_000)], Mappings,
            [Tracked(Day, "openai-prod", "gpt-9-preview", 100_000, 1_000, unpriced: 10, cost: 0)], Now);

        Assert.Equal(ReconciliationCauses.UnpricedModel, Assert.Single(report.Rows).Cause);
    }

    [Fact]
    public void Matching_tokens_with_different_cache_reads_is_cache_not_reported()
    {
        var report = Reconciler.Reconcile(
            Project, [Reported(Day, "key_prod", "gpt-4o", 100_000, 1_000, cacheRead: 60_000)], Mappings,
            [Tracked(Day, "openai-prod", "gpt-4o", 100_000, 1_000, cacheRead: 0)], Now);

        Assert.Equal(ReconciliationCauses.CacheNotReported, Assert.Single(report.Rows).Cause);
    }

    [Fact]
    public void Tracked_above_the_provider_and_tracked_usage_the_provider_did_not_report_are_tracked_exceeds_provider()
    {
        var report = Reconciler.Reconcile(
            Project, [Reported(Day, "key_prod", "gpt-4o", 100_000, 1_000)], Mappings,
            [Tracked(Day, "openai-prod", "gpt-4o", 200_000, 2_000), Tracked(Day, "openai-prod", "o3", 5_000, 500), Tracked(Day, "", "gpt-4o", 7_000, 7)],
            Now);

        Assert.Equal(
            [("openai-prod", "key_prod", "gpt-4o", ReconciliationCauses.TrackedExceedsProvider),
             ("openai-prod", "", "o3", ReconciliationCauses.TrackedExceedsProvider),
             ("", "", "gpt-4o", ReconciliationCauses.TrackedExceedsProvider)],
            report.Rows.Select(r => (r.KeyLabel, r.ProviderRef, r.Model, r.Cause)).OrderBy(r => r.KeyLabel, StringComparer.Ordinal).Reverse());
        Assert.Empty(report.Observations);
    }

    [Fact]
    public void Dated_and_undated_names_compare_but_different_models_do_not()
    {
        var report = Reconciler.Reconcile(
            Project, [Reported(Day, "key_prod", "gpt-4o-2024-08-06", 100_000, 0)], Mappings,
            [Tracked(Day, "openai-prod", "openai/GPT-4o", 50_000, 0), Tracked(Day, "openai-prod", "gpt-4o-mini", 50_000, 0)], Now);

        var row = Assert.Single(report.Rows, r => r.ProviderRef == "key_prod");
        Assert.Equal((50_000L, ReconciliationCauses.UninstrumentedCode), (row.TrackedInputTokens, row.Cause));
        Assert.Contains(report.Rows, r => r.Model == "gpt-4o-mini" && r.Cause == ReconciliationCauses.TrackedExceedsProvider);
        // Across models the label's tracked tokens explain the provider's, so nothing is raised.
        Assert.Empty(report.Observations);
    }

    [Fact]
    public void A_project_mapping_covers_its_keys_and_a_report_without_models_takes_every_tracked_model()
    {
        var report = Reconciler.Reconcile(
            Project,
            [Reported(Day, "key_x", "", 300_000, 3_000, keyOrProject: ("key_x", "proj_reports")), Reported(Day, "key_y", "", 100_000, 1_000, keyOrProject: ("key_y", "proj_reports"))],
            Mappings,
            [Tracked(Day, "openai-reports", "gpt-4o", 200_000, 2_000), Tracked(Day, "openai-reports", "o3", 200_000, 2_000)],
            Now);

        var row = Assert.Single(report.Rows);
        Assert.Equal(("key_x, key_y", "openai-reports", "gpt-4o", 400_000L, ReconciliationCauses.Match), (row.ProviderRef, row.KeyLabel, row.Model, row.TrackedInputTokens, row.Cause));
        Assert.Empty(report.Observations);
    }

    [Fact]
    public void A_report_not_grouped_by_key_adds_no_tracked_only_rows()
    {
        var report = Reconciler.Reconcile(Project, [Reported(Day, "", "", 100, 1)], Mappings, [Tracked(Day, "openai-prod", "gpt-4o", 100, 1)], Now);

        var row = Assert.Single(report.Rows);
        Assert.Equal(("", ReconciliationCauses.UnmappedKey), (row.ProviderRef, row.Cause));
    }

    private static ProviderUsageRecord Reported(
        DateTimeOffset day, string key, string model, long input, long output, long cacheRead = 0, string tier = "default",
        string provider = "openai", (string Key, string Project)? keyOrProject = null) =>
        new(provider, day, keyOrProject?.Key ?? key, keyOrProject?.Project ?? string.Empty, model, tier, 10, input, output, cacheRead, 0, null, "test", Now);

    private static TrackedUsage Tracked(
        DateTimeOffset day, string label, string model, long input, long output, long cacheRead = 0, string provider = "openai",
        long unpriced = 0, long cost = 1_000) =>
        new(day, provider, label, model, "default", input, output, cacheRead, cost, 10, unpriced);
}
