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
    public async Task An_acknowledged_append_is_in_the_files_before_the_store_is_closed()
    {
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("crash");
        var events = RandomEvents.Generate(seed: 5, count: 300);
        await temp.AppendAsync(project, events);

        // Copy the database and its WAL while the store is still open, as a machine losing power right after the
        // acknowledgement would leave them, and open the copy with a fresh store.
        var copyDirectory = Path.Combine(temp.Directory, "copy");
        Directory.CreateDirectory(copyDirectory);
        var copyPath = Path.Combine(copyDirectory, "outlay.db");
        File.Copy(temp.Path, copyPath);
        File.Copy(temp.Path + "-wal", copyPath + "-wal");
        await using var copy = SqliteOutlayStore.Open(copyPath);
        await copy.InitializeAsync(TestContext.Current.CancellationToken);

        var query = SpendQueryParser.Parse("2026-11-19", null, "provider", null, null, Now);
        SpendAssert.Equal(ExpectedSpend.Compute(events, query), await copy.QuerySpendAsync(project, query, TestContext.Current.CancellationToken), query);
    }

    [Fact]
    public async Task Initialize_is_safe_to_repeat_and_records_each_schema_version_once()
    {
        await using var temp = await TempStore.CreateAsync();

        await temp.Store.InitializeAsync(TestContext.Current.CancellationToken);
        await temp.ReopenAsync();

        Assert.Equal((long)SqliteMigrations.LatestVersion, await temp.ScalarAsync("SELECT COUNT(*) FROM schema_version;"));
        Assert.Equal(SqliteMigrations.LatestVersion, await temp.ScalarAsync("SELECT COUNT(DISTINCT version) FROM schema_version;"));
        Assert.Equal(SqliteMigrations.LatestVersion, await temp.ScalarAsync("SELECT MAX(version) FROM schema_version;"));
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
