using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary>Ageing out raw events: whole months go, every rollup stays, so spend and the credential inventory answer as before.</summary>
public abstract class RetentionTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset September = new(2026, 9, 14, 8, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset October = new(2026, 10, 31, 23, 59, 59, TimeSpan.Zero);
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Months_before_the_cutoff_lose_their_raw_events_and_keep_every_rollup()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var a = await temp.ProjectAsync("a");
        var b = await temp.ProjectAsync("b");
        await temp.AppendAsync(a, [TestEvents.Create(September, costNano: 1_000), TestEvents.Create(September.AddDays(3), costNano: 2_000, model: "gpt-4o-mini")]);
        await temp.AppendAsync(a, [TestEvents.Create(October, costNano: 30_000), TestEvents.Create(November, costNano: 400_000)]);
        await temp.AppendAsync(b, [TestEvents.Create(October.AddDays(-9), costNano: 5_000_000), TestEvents.Create(November.AddDays(20), costNano: 60_000_000)]);
        var spendBefore = await ByModelPerDayAsync(temp, a);
        var otherBefore = await ByModelPerDayAsync(temp, b);
        var placesBefore = await temp.Store.ListCredentialPlacesAsync(a, null, ct);
        var retention = Assert.IsAssignableFrom<IEventRetention>(temp.Store);

        var deleted = await retention.DeleteEventsBeforeAsync(November, ct);

        Assert.Equal(4, deleted);
        Assert.Equal(2L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(60_400_000L, await temp.ScalarAsync("SELECT SUM(cost_nano) FROM events;"));
        SpendAssert.Equal(spendBefore, await ByModelPerDayAsync(temp, a), Query);
        SpendAssert.Equal(otherBefore, await ByModelPerDayAsync(temp, b), Query);
        Assert.Equal((433_000, 65_000_000), (spendBefore.TotalCostNanoUsd, otherBefore.TotalCostNanoUsd));
        Assert.Equal(4, spendBefore.Rows.Count);
        Assert.Equal(placesBefore, await temp.Store.ListCredentialPlacesAsync(a, null, ct));
        Assert.Equal(0, await retention.DeleteEventsBeforeAsync(November, ct));
    }

    [Fact]
    public async Task A_month_emptied_by_retention_takes_new_events_again()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var a = await temp.ProjectAsync("a");
        await temp.AppendAsync(a, [TestEvents.Create(October, costNano: 7)]);
        await ((IEventRetention)temp.Store).DeleteEventsBeforeAsync(November, ct);

        var result = await temp.AppendAsync(a, [TestEvents.Create(October.AddHours(-1), costNano: 11)]);

        Assert.Equal((1, 0), (result.Accepted, result.Duplicates));
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(18, (await ByModelPerDayAsync(temp, a)).TotalCostNanoUsd);
    }

    [Theory]
    [InlineData("2026-11-02T00:00:00Z")]
    [InlineData("2026-11-01T00:00:01Z")]
    [InlineData("2026-11-01T00:00:00+01:00")]
    public async Task A_cutoff_that_is_not_the_start_of_a_utc_month_is_refused(string cutoff)
    {
        await using var temp = await CreateStoreAsync();
        var retention = (IEventRetention)temp.Store;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => retention.DeleteEventsBeforeAsync(DateTimeOffset.Parse(cutoff, System.Globalization.CultureInfo.InvariantCulture), TestContext.Current.CancellationToken));

        Assert.Contains("whole UTC months", error.Message, StringComparison.Ordinal);
    }

    private static readonly SpendQuery Query = SpendQueryParser.Parse("2026-09-01", "2026-12-01", "model", "day", null, Now);

    private static Task<SpendResult> ByModelPerDayAsync(ConformanceStore temp, string project) =>
        temp.Store.QuerySpendAsync(project, Query, TestContext.Current.CancellationToken);
}
