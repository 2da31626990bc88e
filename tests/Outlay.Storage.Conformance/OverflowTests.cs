using Outlay.Core.Querying;

namespace Outlay.Storage.Conformance;

/// <summary>Sums past 2^63-1 (a hostile ingest key's absurd costs) fail clearly and never become inexact.</summary>
public abstract class OverflowTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private const long Half = (long.MaxValue / 2) + 1;

    [Fact]
    public async Task An_append_that_would_overflow_a_rollup_row_is_refused_and_stores_nothing()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10, costNano: Half)]);

        var error = await Assert.ThrowsAsync<OverflowException>(() => temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10.AddMinutes(1), costNano: Half)]));

        Assert.Contains("2^63-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(Half, (await QueryAsync(temp, project, null)).TotalCostNanoUsd);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("model")]
    [InlineData("tag.feature")]
    [InlineData("environment,model")]
    public async Task A_query_whose_sum_overflows_throws_an_overflow_exception(string? groupBy)
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10, costNano: Half)]);
        // Separate days, so no rollup row (hourly or daily) holds both.
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10.AddDays(1), costNano: Half)]);

        var error = await Assert.ThrowsAsync<OverflowException>(() => QueryAsync(temp, project, groupBy));

        Assert.Contains("shorter range", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<OverflowException>(() => temp.Store.QueryPriceUsageAsync(
            project, TestEvents.Hour10, TestEvents.Hour10.AddDays(2), TestContext.Current.CancellationToken));
    }

    private static Task<SpendResult> QueryAsync(ConformanceStore temp, string project, string? groupBy) =>
        temp.Store.QuerySpendAsync(
            project,
            SpendQueryParser.Parse("2026-11-23", "2026-11-25", groupBy, null, null, TestEvents.Hour10.AddDays(3)),
            TestContext.Current.CancellationToken);
}
