using Outlay.Core.Querying;

namespace Outlay.Core.Tests.Querying;

public sealed class LocalDayFoldingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Berlin_spring_forward_day_holds_23_hours()
    {
        var query = DayQuery("2026-03-28", "2026-03-31", "Europe/Berlin");
        var folded = LocalDayFolding.Fold(HourlyEveryHour(query), query);

        var day = Single(folded, new DateOnly(2026, 3, 29), query.TimeZone);
        Assert.Equal(23, day.Events);
        Assert.Equal(24, Single(folded, new DateOnly(2026, 3, 28), query.TimeZone).Events);
        Assert.Equal(24, Single(folded, new DateOnly(2026, 3, 30), query.TimeZone).Events);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)), day.Bucket);
        Assert.Equal(TimeSpan.FromHours(1), day.Bucket!.Value.Offset);
        Assert.Equal(TimeSpan.FromHours(2), Single(folded, new DateOnly(2026, 3, 30), query.TimeZone).Bucket!.Value.Offset);
        AssertTotalsKept(query, folded);
    }

    [Fact]
    public void Berlin_fall_back_day_holds_25_hours()
    {
        var query = DayQuery("2026-10-24", "2026-10-27", "Europe/Berlin");
        var folded = LocalDayFolding.Fold(HourlyEveryHour(query), query);

        Assert.Equal(25, Single(folded, new DateOnly(2026, 10, 25), query.TimeZone).Events);
        Assert.Equal(24, Single(folded, new DateOnly(2026, 10, 26), query.TimeZone).Events);
        Assert.Equal(3, folded.Rows.Count);
        AssertTotalsKept(query, folded);
    }

    [Fact]
    public void New_york_fall_back_day_holds_25_hours_and_buckets_change_offset()
    {
        var query = DayQuery("2026-10-31", "2026-11-03", "America/New_York");
        var folded = LocalDayFolding.Fold(HourlyEveryHour(query), query);

        var sunday = Single(folded, new DateOnly(2026, 11, 1), query.TimeZone);
        Assert.Equal(25, sunday.Events);
        Assert.Equal(TimeSpan.FromHours(-4), sunday.Bucket!.Value.Offset);
        Assert.Equal(TimeSpan.FromHours(-5), Single(folded, new DateOnly(2026, 11, 2), query.TimeZone).Bucket!.Value.Offset);
        AssertTotalsKept(query, folded);
    }

    [Fact]
    public void Kolkata_hours_belong_to_the_local_day_they_start_in()
    {
        var query = DayQuery("2026-11-01", "2026-11-03", "Asia/Kolkata");
        var folded = LocalDayFolding.Fold(HourlyEveryHour(query), query);

        // The range starts at 18:00Z (23:30 local on 31 October, truncated to the hour), so that hour forms a day of its own.
        Assert.Equal(1, Single(folded, new DateOnly(2026, 10, 31), query.TimeZone).Events);
        var first = Single(folded, new DateOnly(2026, 11, 1), query.TimeZone);
        Assert.Equal(24, first.Events);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, new TimeSpan(5, 30, 0)), first.Bucket);
        Assert.Equal(new TimeSpan(5, 30, 0), first.Bucket!.Value.Offset);
        AssertTotalsKept(query, folded);
    }

    [Fact]
    public void Rows_follow_the_store_order_cost_then_values_unset_first_then_bucket()
    {
        var query = SpendQueryParser.Parse("2026-11-01", "2026-11-03", "model", "day", null, Now, "Europe/Berlin");
        var h = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        var hourly = new SpendResult(
            [
                Row("b", h, 500), Row("a", h, 500), Row(null, h, 500), Row("a", h.AddDays(1), 500),
                Row("é", h, 100), Row("z", h, 100), Row("\U0001F600", h, 100), Row("\uFF21", h, 100),
                Row("a", h.AddHours(1), 1_000),
            ],
            3_800,
            0);

        var folded = LocalDayFolding.Fold(hourly, query);

        var order = folded.Rows.Select(r => (r.Dimensions["model"], LocalTime.DayOf(r.Bucket!.Value, query.TimeZone).Day, r.CostNanoUsd)).ToList();
        Assert.Equal(
            [
                ("a", 1, 1_500L), (null, 1, 500L), ("a", 2, 500L), ("b", 1, 500L),
                // UTF-8 byte order: 'z' < 'é' (C3 A9) < U+FF21 (EF BC A1) < U+1F600 (F0 …), unlike UTF-16 order.
                ("z", 1, 100L), ("é", 1, 100L), ("\uFF21", 1, 100L), ("\U0001F600", 1, 100L),
            ],
            order);
    }

    [Fact]
    public void An_unset_value_and_an_empty_value_stay_apart()
    {
        var query = SpendQueryParser.Parse("2026-11-01", "2026-11-02", "environment", "day", null, Now, "Europe/Berlin");
        var h = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        var hourly = new SpendResult([Row(null, h, 1, "environment"), Row("", h, 2, "environment")], 3, 0);

        var folded = LocalDayFolding.Fold(hourly, query);

        Assert.Equal(2, folded.Rows.Count);
    }

    [Fact]
    public void A_day_sum_past_the_64_bit_range_fails_instead_of_wrapping()
    {
        var query = SpendQueryParser.Parse("2026-11-01", "2026-11-02", null, "day", null, Now, "Europe/Berlin");
        var h = new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
        var half = (long.MaxValue / 2) + 1;
        var hourly = new SpendResult(
            [
                new SpendRow(new Dictionary<string, string?>(), h, half, 1, 0, 0, 0, 0, 0, 0),
                new SpendRow(new Dictionary<string, string?>(), h.AddHours(1), half, 1, 0, 0, 0, 0, 0, 0),
            ],
            0,
            0);

        Assert.Throws<OverflowException>(() => LocalDayFolding.Fold(hourly, query));
    }

    private static SpendQuery DayQuery(string from, string to, string zone) =>
        SpendQueryParser.Parse(from, to, "model", "day", null, Now, zone);

    // One event per hour over the query's range, with costs that do not divide evenly, in one model.
    private static SpendResult HourlyEveryHour(SpendQuery query)
    {
        var rows = new List<SpendRow>();
        var total = 0L;
        var i = 0;
        for (var hour = query.From; hour < query.To; hour = hour.AddHours(1), i++)
        {
            var cost = 1_000_000_007L + (i * 13_579L);
            total += cost;
            rows.Add(new SpendRow(
                new Dictionary<string, string?> { ["model"] = "gpt-4o" },
                hour,
                cost,
                1,
                100 + i,
                10,
                0,
                0,
                0,
                0));
        }

        return new SpendResult(rows, total, 0);
    }

    private static SpendRow Row(string? model, DateTimeOffset hour, long cost, string dimension = "model") =>
        new(new Dictionary<string, string?> { [dimension] = model }, hour, cost, 1, 1, 1, 0, 0, 0, 0);

    private static SpendRow Single(SpendResult result, DateOnly day, TimeZoneInfo zone) =>
        Assert.Single(result.Rows, r => LocalTime.DayOf(r.Bucket!.Value, zone) == day);

    private static void AssertTotalsKept(SpendQuery query, SpendResult folded)
    {
        var hourly = HourlyEveryHour(query);
        Assert.Equal(hourly.Rows.Sum(r => r.CostNanoUsd), folded.Rows.Sum(r => r.CostNanoUsd));
        Assert.Equal(hourly.TotalCostNanoUsd, folded.TotalCostNanoUsd);
        Assert.Equal(hourly.Rows.Sum(r => r.Events), folded.Rows.Sum(r => r.Events));
        Assert.Equal(hourly.Rows.Sum(r => r.InputTokens), folded.Rows.Sum(r => r.InputTokens));
        foreach (var row in folded.Rows)
        {
            // Every bucket is a local midnight.
            Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(row.Bucket!.Value, query.TimeZone).TimeOfDay);
        }
    }
}
