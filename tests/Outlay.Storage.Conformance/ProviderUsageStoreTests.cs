using Outlay.Core.Reconciliation;

namespace Outlay.Storage.Conformance;

/// <summary>
/// Provider-reported usage: a round trip of every field (nulls included) that survives reopening, the natural key
/// replacing earlier rows, costs and usage of one key imported in either order, the day range and project isolation,
/// refusal of records that cannot be stored; and provider key mappings set, replaced, listed and deleted per project.
/// </summary>
public abstract class ProviderUsageStoreTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Day = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ImportedAt = new(2026, 11, 21, 8, 30, 15, 123, TimeSpan.Zero);

    [Fact]
    public async Task Every_field_round_trips_in_natural_key_order_within_the_day_range_and_survives_reopening()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var other = await temp.ProjectAsync("other");
        ProviderUsageRecord[] records =
        [
            Record(Day.AddDays(1), "key_b", "gpt-4o-2024-08-06", 10, 5),
            Record(Day, "key_b", "gpt-4o-mini", 1_000_000_000_000_000L, 2) with { Requests = null, CostNanoUsd = null, ServiceTier = "" },
            Record(Day, "key_a", "ft:gpt-4o-2024-08-06:org:name:AbC", 7, 3) with { ProviderProject = "proj_1", ServiceTier = "batch", CacheReadTokens = 4, CacheWriteTokens = 2 },
            Record(Day.AddDays(-1), "key_a", "gpt-4o", 1, 1),
            Record(Day.AddDays(2), "key_a", "gpt-4o", 1, 1),
            Record(Day, "apikey_01", "claude-sonnet-4-20250514", 9, 9) with { Provider = "anthropic", Source = "anthropic_usage_json" },
        ];

        Assert.Equal(6, await temp.Store.UpsertProviderUsageAsync(project, records, ct));
        Assert.Equal(1, await temp.Store.UpsertProviderUsageAsync(other, [Record(Day, "key_a", "gpt-4o", 99, 99)], ct));
        await temp.ReopenAsync();
        var stored = await temp.Store.QueryProviderUsageAsync(project, Day, Day.AddDays(2), ct);

        Assert.Equal([records[5], records[2], records[1], records[0]], stored);
        Assert.Empty(await temp.Store.QueryProviderUsageAsync(project, Day.AddDays(3), Day.AddDays(9), ct));
    }

    [Fact]
    public async Task The_same_natural_key_replaces_the_stored_row_and_the_last_of_one_call_wins()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.Store.UpsertProviderUsageAsync(project, [Record(Day, "key_a", "gpt-4o", 100, 10), Record(Day, "key_a", "gpt-4o-mini", 5, 5)], ct);

        var written = await temp.Store.UpsertProviderUsageAsync(
            project, [Record(Day, "key_a", "gpt-4o", 200, 20), Record(Day, "key_a", "gpt-4o", 300, 30) with { Requests = 7, Source = "csv" }], ct);

        Assert.Equal(2, written);
        var stored = await temp.Store.QueryProviderUsageAsync(project, Day, Day.AddDays(1), ct);
        Assert.Equal([(300L, 30L, (long?)7, "csv"), (5L, 5L, (long?)3, "openai_usage_json")], stored.Select(r => (r.InputTokens, r.OutputTokens, r.Requests, r.Source)));
    }

    [Fact]
    public async Task Costs_and_usage_of_one_key_and_day_can_be_imported_in_either_order()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var usage = Record(Day, "key_a", "", 1_000, 100) with { ServiceTier = "", CostNanoUsd = null };
        var costOnly = new ProviderUsageRecord("openai", Day, "key_a", "", "", "", null, 0, 0, 0, 0, 130_804_383, "openai_usage_json", ImportedAt);

        await temp.Store.UpsertProviderUsageAsync(project, [usage], ct);
        await temp.Store.UpsertProviderUsageAsync(project, [costOnly], ct);
        var afterCost = Assert.Single(await temp.Store.QueryProviderUsageAsync(project, Day, Day.AddDays(1), ct));
        await temp.Store.UpsertProviderUsageAsync(project, [usage with { InputTokens = 2_000 }], ct);
        var afterUsage = Assert.Single(await temp.Store.QueryProviderUsageAsync(project, Day, Day.AddDays(1), ct));

        Assert.Equal((1_000L, 100L, (long?)3, (long?)130_804_383), (afterCost.InputTokens, afterCost.OutputTokens, afterCost.Requests, afterCost.CostNanoUsd));
        Assert.Equal((2_000L, (long?)130_804_383), (afterUsage.InputTokens, afterUsage.CostNanoUsd));
    }

    [Theory]
    [InlineData("day")]
    [InlineData("tier")]
    [InlineData("count")]
    [InlineData("provider")]
    [InlineData("model")]
    public async Task A_record_that_cannot_be_stored_is_refused_and_nothing_of_the_call_is_written(string problem)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var good = Record(Day, "key_a", "gpt-4o", 1, 1);
        var bad = problem switch
        {
            "day" => good with { Day = Day.AddHours(3) },
            "tier" => good with { ServiceTier = "gold" },
            "count" => good with { OutputTokens = -1 },
            "provider" => good with { Provider = "" },
            _ => good with { Model = new string('m', 257) },
        };

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.UpsertProviderUsageAsync(project, [good with { ProviderKeyId = "key_b" }, bad], ct));

        Assert.Empty(await temp.Store.QueryProviderUsageAsync(project, Day.AddDays(-1), Day.AddDays(2), ct));
    }

    [Fact]
    public async Task Mappings_are_set_replaced_listed_per_project_and_deleted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var other = await temp.ProjectAsync("other");
        await temp.Store.SetProviderKeyMappingAsync(new(project, "openai", "key_b", "openai-old", ImportedAt), ct);
        await temp.Store.SetProviderKeyMappingAsync(new(project, "openai", "key_a", "openai-prod", ImportedAt), ct);
        await temp.Store.SetProviderKeyMappingAsync(new(project, "anthropic", "wrkspc_1", "anthropic-prod", ImportedAt), ct);
        await temp.Store.SetProviderKeyMappingAsync(new(other, "openai", "key_a", "theirs", ImportedAt), ct);

        await temp.Store.SetProviderKeyMappingAsync(new(project, "openai", "key_b", "openai-new", ImportedAt.AddHours(1)), ct);
        var listed = await temp.Store.ListProviderKeyMappingsAsync(project, ct);
        var deleted = await temp.Store.DeleteProviderKeyMappingAsync(project, "openai", "key_a", ct);
        var deletedAgain = await temp.Store.DeleteProviderKeyMappingAsync(project, "openai", "key_a", ct);

        Assert.Equal(
            [
                new ProviderKeyMapping(project, "anthropic", "wrkspc_1", "anthropic-prod", ImportedAt),
                new ProviderKeyMapping(project, "openai", "key_a", "openai-prod", ImportedAt),
                new ProviderKeyMapping(project, "openai", "key_b", "openai-new", ImportedAt.AddHours(1)),
            ],
            listed);
        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Equal(["wrkspc_1", "key_b"], (await temp.Store.ListProviderKeyMappingsAsync(project, ct)).Select(m => m.ProviderRef));
        Assert.Equal("theirs", Assert.Single(await temp.Store.ListProviderKeyMappingsAsync(other, ct)).KeyLabel);
    }

    [Theory]
    [InlineData("", "key_a", "label")]
    [InlineData("openai", "", "label")]
    [InlineData("openai", "key_a", "")]
    [InlineData("openai", "key_a", "129")]
    public async Task A_mapping_with_an_empty_or_long_part_is_refused(string provider, string providerRef, string label)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var keyLabel = label == "129" ? new string('l', 129) : label;

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.SetProviderKeyMappingAsync(new(project, provider, providerRef, keyLabel, ImportedAt), ct));

        Assert.Empty(await temp.Store.ListProviderKeyMappingsAsync(project, ct));
    }

    private static ProviderUsageRecord Record(DateTimeOffset day, string key, string model, long input, long output) =>
        new("openai", day, key, string.Empty, model, "default", 3, input, output, 0, 0, 1_500, "openai_usage_json", ImportedAt);
}
