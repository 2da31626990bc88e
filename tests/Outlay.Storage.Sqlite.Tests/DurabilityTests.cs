using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite.Tests;

public sealed class DurabilityTests
{
    private static readonly DateTimeOffset Now = RandomEvents.Start.AddDays(4);

    [Fact]
    public async Task Everything_is_still_there_after_the_file_is_reopened()
    {
        await using var temp = await TempStore.CreateAsync();
        var ct = TestContext.Current.CancellationToken;
        var project = await temp.ProjectAsync("durable");
        var events = RandomEvents.Generate(seed: 3, count: 400);
        await temp.AppendAsync(project, events);
        var (_, key) = ApiKeyFactory.Create(ApiKeyKind.Ingest, project, null, null, Now);
        await temp.Store.AddKeyAsync(key, ct);
        await temp.Store.RecordClientDropsAsync(project, new ClientDropReport(4, 5, 6), ct);
        var query = SpendQueryParser.Parse("2026-11-19", null, "model", "day", null, Now);

        await temp.ReopenAsync();

        Assert.Equal(project, (await temp.Store.FindProjectAsync("durable", ct))?.Id);
        Assert.NotNull(await temp.Store.FindKeyAsync(key.KeyId, ct));
        Assert.Equal(new ClientDropReport(4, 5, 6), await temp.Store.GetClientDropsAsync(project, ct));
        SpendAssert.Equal(ExpectedSpend.Compute(events, query), await temp.Store.QuerySpendAsync(project, query, ct), query);

        // Re-appending after the restart is still idempotent.
        Assert.Equal(events.Count, (await temp.AppendAsync(project, events)).Duplicates);
    }

    [Fact]
    public async Task Initialize_is_safe_to_repeat_and_records_one_schema_version()
    {
        await using var temp = await TempStore.CreateAsync();

        await temp.Store.InitializeAsync(TestContext.Current.CancellationToken);
        await temp.ReopenAsync();

        Assert.Equal(1L, await AppendTests.ScalarAsync(temp, "SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(SqliteMigrations.LatestVersion, await AppendTests.ScalarAsync(temp, "SELECT MAX(version) FROM schema_version;"));
    }

    [Fact]
    public async Task A_store_refuses_work_before_initialize()
    {
        var directory = Path.Combine(Path.GetTempPath(), "outlay-sqlite-tests", Guid.NewGuid().ToString("N"));
        try
        {
            await using var store = SqliteOutlayStore.Open(Path.Combine(directory, "x.db"));

            await Assert.ThrowsAsync<InvalidOperationException>(() => store.EnsureProjectAsync("a", TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
