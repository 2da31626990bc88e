using Outlay.Core.Querying;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>
/// The appender caches rollup key ids per store; an id inserted by a transaction that rolled back is freed (SQLite gives
/// it to the next new key), so it must not be remembered.
/// </summary>
public sealed class RollupKeyCacheTests
{
    private const long Half = (long.MaxValue / 2) + 1;

    // Without deferral the refused append inserts o3's key and then rolls it back, which is what the cache must forget
    // (this case fails when Discard keeps the id); with deferral the answers must be the same however it is refused.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_key_inserted_by_a_refused_append_is_not_remembered_with_an_id_another_key_then_gets(bool deferRollups)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await TempStore.CreateAsync();
        temp.Store.DeferRollups = deferRollups;
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10, costNano: Half, model: "gpt-4o")]);

        // A new key (model o3) whose full-rollup row is fine, but the provider's hourly row would pass 2^63-1: the
        // whole append is refused after o3's key was inserted in its transaction.
        await Assert.ThrowsAsync<OverflowException>(() =>
            temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10.AddMinutes(1), costNano: Half, model: "o3")]));
        Assert.Equal(1L, await temp.ScalarAsync("SELECT COUNT(*) FROM rollup_keys;"));

        // Another new key takes the freed id; then o3 again (cheap now) must get its own key, not that one.
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10.AddMinutes(2), costNano: 7, model: "gpt-4o-mini")]);
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10.AddMinutes(3), costNano: 5, model: "o3")]);

        var query = SpendQueryParser.Parse("2026-11-23", null, "model", null, ["provider:openai"], TestEvents.Hour10.AddDays(1));
        var result = await temp.Store.QuerySpendAsync(project, query, ct);
        var byModel = result.Rows.ToDictionary(r => r.Dimensions["model"]!, r => r.CostNanoUsd);
        Assert.Equal(Half, byModel["gpt-4o"]);
        Assert.Equal(7L, byModel["gpt-4o-mini"]);
        Assert.Equal(5L, byModel["o3"]);
        Assert.Equal(3, byModel.Count);
        Assert.Equal(3L, await temp.ScalarAsync("SELECT COUNT(*) FROM rollup_keys;"));
    }

    [Fact]
    public async Task Two_stores_on_one_file_share_keys_and_each_resolves_the_others_new_keys()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("app");
        await using var second = SqliteOutlayStore.Open(temp.Path);
        await second.InitializeAsync(ct);
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10, costNano: 1, model: "a")]);
        await second.AppendEventsAsync(project, [TestEvents.Create(TestEvents.Hour10, costNano: 2, model: "a"), TestEvents.Create(TestEvents.Hour10, costNano: 4, model: "b")], ct);
        await temp.AppendAsync(project, [TestEvents.Create(TestEvents.Hour10, costNano: 8, model: "b"), TestEvents.Create(TestEvents.Hour10, costNano: 16, model: "a")]);

        var query = SpendQueryParser.Parse("2026-11-23", null, "model", null, ["provider:openai"], TestEvents.Hour10.AddDays(1));
        var byModel = (await temp.Store.QuerySpendAsync(project, query, ct)).Rows.ToDictionary(r => r.Dimensions["model"]!, r => r.CostNanoUsd);
        Assert.Equal(19L, byModel["a"]);
        Assert.Equal(12L, byModel["b"]);
        Assert.Equal(2L, await temp.ScalarAsync("SELECT COUNT(*) FROM rollup_keys;"));
        Assert.Equal(2L, await temp.ScalarAsync("SELECT COUNT(*) FROM rollups_hourly;"));
    }
}
