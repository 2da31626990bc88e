using Outlay.Core.Querying;

namespace Outlay.Storage.Conformance;

public abstract class SpendQueryTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Now = TestEvents.Hour10.AddDays(3);

    [Fact]
    public async Task Groups_by_tag_with_null_for_events_without_it()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [
            TestEvents.Create(TestEvents.Hour10, costNano: 300, tags: Tags("feature", "summarize")),
            TestEvents.Create(TestEvents.Hour10, costNano: 200, tags: Tags("feature", "summarize")),
            TestEvents.Create(TestEvents.Hour10, costNano: 400, tags: Tags("feature", "chat")),
            TestEvents.Create(TestEvents.Hour10, costNano: 50),
        ]);

        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-24", "tag.feature", null, null, Now);
        var spend = await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken);

        // Cost descending: summarize 300 + 200 = 500, chat 400, untagged 50.
        Assert.Equal(
            [("summarize", 500L), ("chat", 400L), (null, 50L)],
            spend.Rows.Select(r => (r.Dimensions["tag.feature"], r.CostNanoUsd)));
        Assert.Equal(950, spend.TotalCostNanoUsd);
    }

    [Fact]
    public async Task Filters_are_values_never_sql()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10, tags: Tags("feature", "x"))]);

        var injected = SpendQueryParser.Parse("2026-11-23", "2026-11-24", null, null, ["model:x' OR '1'='1", "tag.feature:x\") OR 1=1 --"], Now);
        var spend = await temp.Store.QuerySpendAsync(project, injected, TestContext.Current.CancellationToken);

        Assert.Empty(spend.Rows);
        Assert.Equal(0, spend.TotalCostNanoUsd);
    }

    [Fact]
    public async Task Hour_and_day_series_bucket_by_utc_hour_and_day()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [
            TestEvents.Create(TestEvents.Hour10.AddMinutes(1), costNano: 1),
            TestEvents.Create(TestEvents.Hour10.AddMinutes(59), costNano: 2),
            TestEvents.Create(TestEvents.Hour10.AddHours(1), costNano: 4),
            TestEvents.Create(TestEvents.Hour10.AddHours(14), costNano: 8),
        ]);

        var hourly = SpendQueryParser.Parse("2026-11-23", "2026-11-25", null, "hour", null, Now);
        var daily = SpendQueryParser.Parse("2026-11-23", "2026-11-25", null, "day", null, Now);
        var byHour = await temp.Store.QuerySpendAsync(project, hourly, TestContext.Current.CancellationToken);
        var byDay = await temp.Store.QuerySpendAsync(project, daily, TestContext.Current.CancellationToken);

        Assert.Equal(
            [(TestEvents.Hour10.AddHours(14), 8L), (TestEvents.Hour10.AddHours(1), 4L), (TestEvents.Hour10, 3L)],
            byHour.Rows.Select(r => (r.Bucket!.Value, r.CostNanoUsd)));

        // 10:01, 10:59 and 11:00 on the 23rd (1 + 2 + 4); 00:00 on the 24th (8).
        Assert.Equal(
            [(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero), 8L), (new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero), 7L)],
            byDay.Rows.Select(r => (r.Bucket!.Value, r.CostNanoUsd)));
    }

    [Fact]
    public async Task Range_is_from_inclusive_to_exclusive_on_whole_hours()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [
            TestEvents.Create(TestEvents.Hour10.AddMilliseconds(-1), costNano: 1),
            TestEvents.Create(TestEvents.Hour10, costNano: 10),
            TestEvents.Create(TestEvents.Hour10.AddMinutes(59).AddSeconds(59), costNano: 100),
            TestEvents.Create(TestEvents.Hour10.AddHours(1), costNano: 1_000),
        ]);

        var exact = new SpendQuery(TestEvents.Hour10, TestEvents.Hour10.AddHours(1), [], SpendInterval.None, []);
        var widened = new SpendQuery(TestEvents.Hour10.AddMinutes(30), TestEvents.Hour10.AddMinutes(31), [], SpendInterval.None, []);

        Assert.Equal(110, (await temp.Store.QuerySpendAsync(project, exact, TestContext.Current.CancellationToken)).TotalCostNanoUsd);

        // Rollups are hourly: 10:30–10:31 widens to 10:00–11:00.
        Assert.Equal(110, (await temp.Store.QuerySpendAsync(project, widened, TestContext.Current.CancellationToken)).TotalCostNanoUsd);
    }

    [Fact]
    public async Task A_project_never_sees_another_projects_spend()
    {
        await using var temp = await CreateStoreAsync();
        var a = await temp.ProjectAsync("a");
        var b = await temp.ProjectAsync("b");
        await temp.AppendAsync(a, [TestEvents.Create(TestEvents.Hour10, costNano: 11, model: "model-a")]);
        await temp.AppendAsync(b, [TestEvents.Create(TestEvents.Hour10, costNano: 22, model: "model-b")]);

        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-24", "model", null, null, Now);
        var spendA = await temp.Store.QuerySpendAsync(a, query, TestContext.Current.CancellationToken);
        var spendB = await temp.Store.QuerySpendAsync(b, query, TestContext.Current.CancellationToken);

        Assert.Equal(["model-a"], spendA.Rows.Select(r => r.Dimensions["model"]));
        Assert.Equal(11, spendA.TotalCostNanoUsd);
        Assert.Equal(["model-b"], spendB.Rows.Select(r => r.Dimensions["model"]));
        Assert.Equal(22, spendB.TotalCostNanoUsd);
    }

    [Fact]
    public async Task No_matching_data_gives_no_rows_and_zero_totals()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");

        var spend = await temp.Store.QuerySpendAsync(project, SpendQueryParser.Parse(null, null, null, null, null, Now), TestContext.Current.CancellationToken);

        Assert.Empty(spend.Rows);
        Assert.Equal((0L, 0L), (spend.TotalCostNanoUsd, spend.UnpricedEvents));
    }

    [Fact]
    public async Task Unset_optional_dimensions_are_null()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [
            TestEvents.Create(TestEvents.Hour10, costNano: 5, environment: "prod"),
            TestEvents.Create(TestEvents.Hour10, costNano: 3),
        ]);

        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-24", "environment", null, null, Now);
        var spend = await temp.Store.QuerySpendAsync(project, query, TestContext.Current.CancellationToken);

        Assert.Equal([("prod", 5L), (null, 3L)], spend.Rows.Select(r => (r.Dimensions["environment"], r.CostNanoUsd)));
    }

    [Theory]
    [InlineData("quote\"d")]
    [InlineData("back\\slash")]
    [InlineData("line\nbreak\ttab\u0001")]
    [InlineData("ünïcödé ✓")]
    [InlineData("{\"json\":\"lookalike\"}")]
    public async Task Tag_values_with_special_characters_group_and_filter_exactly(string value)
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [
            TestEvents.Create(TestEvents.Hour10, costNano: 7, tags: Tags("feature", value)),
            TestEvents.Create(TestEvents.Hour10, costNano: 1, tags: Tags("feature", "plain")),
        ]);

        var grouped = SpendQueryParser.Parse("2026-11-23", "2026-11-24", "tag.feature", null, null, Now);
        var filtered = SpendQueryParser.Parse("2026-11-23", "2026-11-24", null, null, ["tag.feature:" + value], Now);

        var rows = (await temp.Store.QuerySpendAsync(project, grouped, TestContext.Current.CancellationToken)).Rows;
        Assert.Equal([(value, 7L), ("plain", 1L)], rows.Select(r => (r.Dimensions["tag.feature"], r.CostNanoUsd)));
        Assert.Equal(7, (await temp.Store.QuerySpendAsync(project, filtered, TestContext.Current.CancellationToken)).TotalCostNanoUsd);
    }

    private static Dictionary<string, string> Tags(string key, string value) => new() { [key] = value };
}
