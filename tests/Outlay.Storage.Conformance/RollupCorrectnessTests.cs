using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary>The key correctness check: every answer read from rollups equals a direct sum over the raw events.</summary>
public abstract class RollupCorrectnessTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Now = RandomEvents.Start.AddHours(RandomEvents.Hours + 5);

    public static TheoryData<string?, string?> GroupByAndInterval() => new()
    {
        { null, null },
        { "provider", null },
        { "model", null },
        { "provider,model", "day" },
        { "operation,status,service_tier", null },
        { "service,environment,key_label", null },
        { "tag.feature", null },
        { "tag.customer,tag.team.name", null },
        { "model,tag.feature", "hour" },
        { "environment", "day" },
        { null, "hour" },
        { "provider,model,operation,service,environment,tag.customer", "day" },
    };

    [Theory]
    [MemberData(nameof(GroupByAndInterval))]
    public async Task Rollups_equal_sums_over_raw_events(string? groupBy, string? interval)
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("random");
        var events = RandomEvents.Generate(seed: 20261123, count: 3_000);
        await AppendInBatchesAsync(temp, project, events);

        var query = SpendQueryParser.Parse(
            RandomEvents.Start.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            null,
            groupBy,
            interval,
            null,
            Now);
        var actual = await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken);

        Assert.NotEmpty(actual.Rows);
        SpendAssert.Equal(ExpectedSpend.Compute(events, query), actual, query);
    }

    public static TheoryData<string[]> Filters() => new()
    {
        new[] { "provider:openai" },
        new[] { "provider:openai|google", "status:ok" },
        new[] { "tag.feature:summarize" },
        new[] { "tag.customer:ünïcödé|acme", "environment:prod" },
        new[] { "tag.team.name:core", "model:gpt-4o|claude-sonnet-4", "service_tier:batch|default" },
        new[] { "key_label:shared", "service:search", "operation:chat" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filtered_rollups_equal_filtered_sums(string[] filters)
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("random");
        var events = RandomEvents.Generate(seed: 7, count: 2_000);
        await AppendInBatchesAsync(temp, project, events);

        var query = SpendQueryParser.Parse("2026-11-20", "2026-11-23", "model,tag.feature", "day", filters, Now);
        var actual = await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken);

        SpendAssert.Equal(ExpectedSpend.Compute(events, query), actual, query);
    }

    [Theory]
    [InlineData("2026-11-20T05:00:00Z", "2026-11-20T06:00:00Z")]
    [InlineData("2026-11-20T05:30:00Z", "2026-11-21T17:15:00Z")]
    [InlineData("2026-11-21", "2026-11-22")]
    [InlineData("2026-11-19", "2026-11-20T00:00:01Z")]
    public async Task Time_ranges_select_the_same_hours_as_raw_events(string from, string to)
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("random");
        var events = RandomEvents.Generate(seed: 99, count: 1_500);
        await AppendInBatchesAsync(temp, project, events);

        var query = SpendQueryParser.Parse(from, to, "provider", "hour", null, Now);
        var actual = await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken);

        SpendAssert.Equal(ExpectedSpend.Compute(events, query), actual, query);
    }

    private static async Task AppendInBatchesAsync(ConformanceStore temp, string project, List<PricedEvent> events)
    {
        var accepted = 0;
        foreach (var batch in events.Chunk(500))
        {
            accepted += (await temp.AppendAsync(project, batch)).Accepted;
        }

        Assert.Equal(events.Count, accepted);
    }
}
