using Microsoft.Data.Sqlite;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>
/// The writer commits without flushing (<c>synchronous=NORMAL</c>) and <see cref="WalFileSync"/> flushes the WAL before
/// any caller is answered; checkpoints run on <see cref="WalCheckpointer"/>'s connection and still let the WAL start
/// over under steady ingest.
/// </summary>
public sealed class WalDurabilityTests
{
    private static readonly DateTimeOffset Hour10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_acknowledged_write_was_flushed_to_disk_first()
    {
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("app");
        var sync = temp.Store.WalSync;

        for (var round = 0; round < 3; round++)
        {
            var flushes = sync.Flushes;
            Assert.Equal(new AppendResult(10, 0), await temp.AppendAsync(project, Events(10, Hour10.AddHours(round))));
            Assert.Equal(flushes + 1, sync.Flushes);
            Assert.Equal(sync.Commits, sync.DurableCommits);
        }

        // Other writes wait for the flush too.
        var before = sync.Flushes;
        await temp.Store.EnsureProjectAsync("second", TestContext.Current.CancellationToken);
        Assert.Equal(before + 1, sync.Flushes);
        Assert.Equal(sync.Commits, sync.DurableCommits);
    }

    [Fact]
    public async Task One_flush_covers_every_commit_made_before_it()
    {
        var folder = Directory.CreateDirectory(TempStore.NewDirectory()).FullName;
        var database = Path.Combine(folder, "outlay.db");
        await File.WriteAllBytesAsync(database + "-wal", [1, 2, 3], TestContext.Current.CancellationToken);
        using var sync = new WalFileSync(database);

        var first = sync.Committed();
        var second = sync.Committed();
        var third = sync.Committed();
        await Task.WhenAll(
            sync.WaitDurableAsync(third).AsTask(),
            sync.WaitDurableAsync(first).AsTask(),
            sync.WaitDurableAsync(second).AsTask());

        Assert.Equal(1, sync.Flushes);
        Assert.Equal(3, sync.DurableCommits);

        // Already durable: no further flush.
        await sync.WaitDurableAsync(second);
        Assert.Equal(1, sync.Flushes);
    }

    [Fact]
    public async Task A_failed_flush_fails_that_write_and_every_later_one()
    {
        var folder = Directory.CreateDirectory(TempStore.NewDirectory()).FullName;
        var database = Path.Combine(folder, "outlay.db");
        using var sync = new WalFileSync(database);

        // No WAL file to flush: the flush fails, and stays failed once the file exists (the lost pages are not back).
        var error = await Assert.ThrowsAsync<IOException>(async () => await sync.WaitDurableAsync(sync.Committed()));
        Assert.Contains("could not be flushed", error.Message, StringComparison.Ordinal);
        await File.WriteAllBytesAsync(database + "-wal", [1], TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<IOException>(async () => await sync.WaitDurableAsync(sync.Committed()));
        Assert.Equal(0, sync.DurableCommits);
    }

    [Fact]
    public async Task The_wal_starts_over_under_steady_concurrent_ingest()
    {
        // 64 frames instead of 8,192: the WAL restarts a few dozen times in this test instead of never.
        const int RestartFrames = 64;
        await using var temp = await TempStore.CreateAsync(RestartFrames);
        var store = temp.Store;
        var project = await temp.ProjectAsync("app");
        long largestWal = 0;

        // Four appenders, each sending its next batch as soon as the last returned: the writer never idles, so a pass
        // never finishes between two groups by itself and only the catch-up lets the WAL start over.
        var next = -1;
        const int Batches = 120;
        var appenders = Enumerable.Range(0, 4).Select(_ => Task.Run(
            async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Batches)
                {
                    await store.AppendEventsAsync(project, Events(200, Hour10.AddMinutes(i)), TestContext.Current.CancellationToken);
                    InterlockedMax(ref largestWal, new FileInfo(temp.Path + "-wal").Length);
                }
            },
            TestContext.Current.CancellationToken));
        await Task.WhenAll(appenders);

        Assert.Equal(Batches * 200L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(Batches * 200L, await temp.ScalarAsync("SELECT SUM(events) FROM rollups_hourly;"));
        Assert.True(store.Checkpointer.Passes > 0, "no checkpoint ran");

        // The WAL file keeps its largest size after a restart, so its length shows how far it ever grew: without the
        // restart, these 24,000 events take about 20 MB of WAL.
        Assert.True(largestWal < 8 * 1024 * 1024, $"the WAL grew to {largestWal:N0} bytes");
    }

    [Fact]
    public async Task Closing_the_store_checkpoints_and_removes_the_wal()
    {
        await using var temp = await TempStore.CreateAsync();
        var project = await temp.ProjectAsync("app");
        await temp.AppendAsync(project, Events(500, Hour10));
        await temp.Store.QuerySpendAsync(project, SpendQueryParser.Parse("2026-11-23", "2026-11-24", null, null, null, Hour10), TestContext.Current.CancellationToken);
        Assert.True(File.Exists(temp.Path + "-wal"));

        // The query left a pooled read-only connection: were it the last to close, the WAL would stay.
        await temp.Store.DisposeAsync();

        Assert.False(File.Exists(temp.Path + "-wal"), "the WAL was left behind");
    }

    [Fact]
    public async Task A_huge_commit_leaves_no_huge_wal_once_the_wal_starts_over()
    {
        await using var temp = await TempStore.CreateAsync(walRestartFrames: 64);
        var project = await temp.ProjectAsync("app");

        // One commit of about 80 MB of WAL from another connection (checkpointing off), as a schema upgrade that
        // rebuilds events writes one.
        await using (var other = new SqliteConnection($"Data Source={temp.Path};Pooling=False"))
        {
            await other.OpenAsync(TestContext.Current.CancellationToken);
            await using var fill = other.CreateCommand();
            fill.CommandText = """
                PRAGMA wal_autocheckpoint = 0;
                CREATE TABLE filler (b BLOB);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 80)
                INSERT INTO filler SELECT randomblob(1000000) FROM n;
                """;
            await fill.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var wal = new FileInfo(temp.Path + "-wal");
        Assert.True(wal.Length > SqliteConnections.JournalSizeLimitBytes, $"the big commit wrote only {wal.Length:N0} bytes of WAL");

        // The store's next commit pokes a pass, which finds the WAL long; the write after lets a pass finish, the WAL
        // starts over, and the commit after the restart cuts the file back to the limit.
        await temp.AppendAsync(project, Events(10, Hour10));
        while (!temp.Store.Checkpointer.ShouldCatchUp)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        for (var i = 1; i <= 3; i++)
        {
            await temp.AppendAsync(project, Events(10, Hour10.AddHours(i)));
        }

        wal.Refresh();
        Assert.True(wal.Length <= SqliteConnections.JournalSizeLimitBytes, $"the WAL is still {wal.Length:N0} bytes");
        Assert.Equal(40L, await temp.ScalarAsync("SELECT COUNT(*) FROM events;"));
        Assert.Equal(80L, await temp.ScalarAsync("SELECT COUNT(*) FROM filler;"));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static List<PricedEvent> Events(int count, DateTimeOffset start) =>
        [.. Enumerable.Range(0, count).Select(i => ChatEvent.At(start.AddSeconds(i), customer: "c" + (i % 50)))];
}
