using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>
/// Values that try to break out of SQL text (quotes, backslashes, NUL, newlines, comment openers, a statement of their
/// own, non-ASCII, 10,000 characters) as model names, key labels, services, tag keys and values, in appends, filters,
/// groupings and re-pricing: each comes back exactly and every table is still there.
/// </summary>
public sealed class HostileValueTests
{
    public static readonly TheoryData<string> Values = new()
    {
        "quote'd",
        "back\\slash",
        "\\'",
        "nul\0byte",
        "new\nline\r\ttab\u0001\u007f",
        "'; DROP TABLE events_log; --",
        "x' OR '1'='1",
        "-- comment",
        "/* open",
        "ünïcödé ✓ 😀 \u0085",
        new string('\'', 40) + new string('\\', 41),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Values))]
    public async Task A_hostile_model_label_service_and_tag_round_trip_in_groups_filters_and_places(string value)
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: false);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        var label = value.Length > 128 ? value[..128] : value;
        var tags = new Dictionary<string, string> { ["feature"] = value, [value] = "v" };
        var hostile = Events.Create(Events.Hour10, costNano: 7, model: value, tags: tags, keyLabel: label, service: value);
        await temp.Store.AppendEventsAsync(project, [hostile, Events.Create(Events.Hour10, costNano: 1, keyLabel: "plain")], Ct);

        foreach (var dimension in new[] { "model", "service", "key_label", "tag.feature" })
        {
            var grouped = SpendQueryParser.Parse("2026-11-23", "2026-11-24", dimension, null, null, Events.Hour10.AddDays(1));
            var expectedValue = dimension == "key_label" ? label : value;
            Assert.Equal((expectedValue, 7L), (await temp.Store.QuerySpendAsync(project, grouped, Ct)).Rows.Select(r => (r.Dimensions[dimension], r.CostNanoUsd)).First());
            var filtered = grouped with { GroupBy = [], Filters = [new SpendFilter(SpendDimension.Parse(dimension, "filter"), [expectedValue])] };
            Assert.Equal(7, (await temp.Store.QuerySpendAsync(project, filtered, Ct)).TotalCostNanoUsd);
        }

        var place = Assert.Single(await temp.Store.ListCredentialPlacesAsync(project, label, Ct));
        Assert.Equal((label, value, value), (place.KeyLabel, place.Service, place.Model));
        Assert.Equal(value, Assert.Single(await temp.Store.QueryCredentialUsageAsync(project, Events.Hour10, Events.Hour10.AddHours(1), label, Ct)).Feature);
        Assert.Contains(await temp.Store.QueryPriceUsageAsync(project, Events.Hour10, Events.Hour10.AddHours(1), Ct), r => r.Model == value);
        var dimensions = await temp.Store.Http.QueryAsync(
            "SELECT DISTINCT dimension FROM rollups_dim_hourly_data WHERE project_id = " + ClickHouseSql.Quote(project), Ct);
        Assert.Contains(dimensions, d => d.GetProperty("dimension").GetString() == "tag." + value);

        var repriced = await temp.Store.RepriceAsync(
            new RepriceRequest(project, Events.Hour10, Events.Hour10.AddHours(1), "openai", value),
            _ => new Outlay.Core.Pricing.CostResult(true, 9, new Dictionary<string, long>(), value, value),
            Ct);
        Assert.Equal((1L, 1L), (repriced.Examined, repriced.Changed));
        var total = SpendQueryParser.Parse("2026-11-23", "2026-11-24", null, null, null, Events.Hour10.AddDays(1));
        Assert.Equal(10, (await temp.Store.QuerySpendAsync(project, total, Ct)).TotalCostNanoUsd);
        Assert.Equal(2L, await temp.ScalarAsync("SELECT COUNT(*) FROM events"));
    }

    [Fact]
    public void The_quoting_function_escapes_every_character_that_could_end_a_literal()
    {
        Assert.Equal(@"'a\'b\\c\0d\ne\rf\tg\x01h\x7f'", ClickHouseSql.Quote("a'b\\c\0d\ne\rf\tg\u0001h\u007f"));
        Assert.Equal("'--/*ü'", ClickHouseSql.Quote("--/*ü"));
    }

    [Fact]
    public async Task A_ten_thousand_character_tag_value_and_model_round_trip()
    {
        await using var temp = await TempClickHouseStore.CreateAsync(cluster: false);
        var project = (await temp.Store.EnsureProjectAsync("app", Ct)).Id;
        var value = string.Concat(Enumerable.Repeat("'\\\n\0ü", 2_000));
        await temp.Store.AppendEventsAsync(project, [Events.Create(Events.Hour10, costNano: 5, model: value, tags: new Dictionary<string, string> { ["feature"] = value })], Ct);

        var query = SpendQueryParser.Parse("2026-11-23", "2026-11-24", "tag.feature", null, null, Events.Hour10.AddDays(1));
        var filtered = query with { GroupBy = [SpendDimension.Parse("model", "group_by")], Filters = [new SpendFilter(SpendDimension.Parse("tag.feature", "filter"), [value])] };

        Assert.Equal(value, Assert.Single((await temp.Store.QuerySpendAsync(project, query, Ct)).Rows).Dimensions["tag.feature"]);
        Assert.Equal(value, Assert.Single((await temp.Store.QuerySpendAsync(project, filtered, Ct)).Rows).Dimensions["model"]);
    }
}
