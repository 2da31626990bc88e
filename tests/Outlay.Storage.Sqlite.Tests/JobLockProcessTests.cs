using System.Diagnostics;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>
/// The SQLite job lock against another process: util-linux <c>flock(1)</c> takes the same kernel lock (<c>flock(2)</c>)
/// on the lock file, so a store must not acquire while that process lives and must acquire once it is SIGKILLed.
/// <c>--no-fork</c> keeps the lock in one process: with a forked child the inherited descriptor could still hold the
/// lock for a moment after the parent was reaped, and CI once saw exactly that.
/// </summary>
public sealed class JobLockProcessTests
{
    [Fact]
    public async Task A_lock_held_by_another_process_is_refused_and_freed_when_that_process_is_killed()
    {
        var ct = TestContext.Current.CancellationToken;
        if (OperatingSystem.IsWindows() || !File.Exists("/usr/bin/flock"))
        {
            Assert.Skip("needs util-linux flock(1) at /usr/bin/flock");
        }

        await using var temp = await TempStore.CreateAsync();
        var path = SqliteJobLockFile.PathFor(temp.Store.DatabasePath, "background-jobs");
        var info = new ProcessStartInfo("/usr/bin/flock") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (var argument in new[] { "--exclusive", "--no-fork", path, "/bin/sh", "-c", "echo locked; exec sleep 600" })
        {
            info.ArgumentList.Add(argument);
        }

        using var holder = Process.Start(info)!;
        try
        {
            Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync(ct));
            Assert.Null(await temp.Store.TryAcquireJobLockAsync("background-jobs", ct));

            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync(ct);

            await using var lease = await temp.Store.TryAcquireJobLockAsync("background-jobs", ct);
            Assert.NotNull(lease);
            Assert.True(await lease.CheckAsync(ct));
        }
        finally
        {
            if (!holder.HasExited)
            {
                holder.Kill(entireProcessTree: true);
            }
        }
    }
}
