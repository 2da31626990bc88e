using Outlay.Testing;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// Issue 8, loss and duplication: a store on a filesystem mounted read-only. SQLite keeps its file open for writing,
/// so Linux refuses to remount a running server's store read-only (EBUSY); the read-only case that can happen is a
/// server (re)started on a read-only store. It must either refuse to start or answer ingest 503 with Retry-After, must leave the file
/// byte-for-byte as it was, and must work again once the filesystem is writable.
/// </summary>
public sealed class ReadOnlyStoreTests
{
    [Fact]
    public async Task A_server_started_on_a_read_only_store_refuses_ingest_as_retryable_changes_nothing_and_works_once_writable()
    {
        var ct = TestContext.Current.CancellationToken;
        using var disk = SmallFilesystem.TryMount(16, out var reason);
        if (disk is null)
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") is null, "CI must run this proof as root: " + reason);
            Assert.Skip(reason);
        }

        using var store = await ReliabilityStore.CreateAsync(disk.Path);
        var hashBefore = Hash(store.StorePath);
        var address = new Uri($"http://127.0.0.1:{FreeLoopbackPort.Next()}");

        disk.Remount(readOnly: true);
        var clock = Stopwatch.StartNew();
        var outcome = "";
        using (var readOnly = ServeChildProcess.Start(["--store", "sqlite:" + store.StorePath], address))
        {
            while (!readOnly.HasExited && !readOnly.Lines.Any(IsListening) && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100, ct);
            }

            Assert.True(readOnly.HasExited || readOnly.Lines.Any(IsListening), "serve neither started nor exited on a read-only store within 60 s");
            if (readOnly.HasExited)
            {
                // Refusing to start is a safe answer: nothing is acknowledged that could be lost. It must be a one-line
                // error and exit 1, not an unhandled exception (an abort, exit 134, with a stack trace).
                Assert.Equal(1, readOnly.ExitCode);
                Assert.DoesNotContain(readOnly.Lines, l => l.Contains("Unhandled exception", StringComparison.Ordinal) || l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
                outcome = $"serve exited after {clock.Elapsed.TotalSeconds:0.0} s without listening (first line: {readOnly.Lines.FirstOrDefault()})";
            }
            else
            {
                // Started: every ingest attempt must be refused as retryable, never acknowledged, never a 500.
                using var refusedHttp = IngestProbe.Client(address, store.IngestKey);
                var statuses = new List<int>();
                for (var i = 0; i < 5; i++)
                {
                    var refused = await IngestProbe.PostAsync(refusedHttp, IngestProbe.NewIds(20), "read-only");
                    statuses.Add(refused.Status);
                    Assert.True(refused.Status == 503, $"ingest on a read-only store answered {refused.Status}: {refused.Body}");
                    Assert.True(refused.RetryAfter is { } wait && wait > TimeSpan.Zero, "a 503 without Retry-After");
                }

                Assert.False(readOnly.HasExited, "serve exited while answering on a read-only store");
                outcome = $"serve started in {clock.Elapsed.TotalSeconds:0.0} s; ingest answered {string.Join(", ", statuses)} with Retry-After";
                readOnly.KillHard();
            }
        }

        Figures.Print("read-only-store", outcome + "; file unchanged (SHA-256), integrity_check ok; after remounting read-write ingest answered 200 and stored every event");
        disk.Remount(readOnly: false);
        Assert.Equal(hashBefore, Hash(store.StorePath));
        Assert.Equal("ok", StoreIntegrity.Check(store.StorePath));

        // Writable again: the same file serves and stores.
        using var serve = ServeChildProcess.Start(["--store", "sqlite:" + store.StorePath], address);
        await serve.WaitUntilListeningAsync();
        using var http = IngestProbe.Client(address, store.IngestKey);
        var ids = IngestProbe.NewIds(20);
        var answer = await IngestProbe.PostAsync(http, ids, "after-read-only");
        Assert.True(answer.Status == 200, $"{answer.Status} {answer.Body}");
        var stored = StoreRecount.Read(store.StorePath);
        Assert.Equal(ids.Length, stored.EventRows);
        Assert.Equal(stored.EventRows, stored.RollupEvents);
        Assert.Equal("ok", StoreIntegrity.Check(store.StorePath));
    }

    private static bool IsListening(string line) => line.Contains("listening on", StringComparison.Ordinal);

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
