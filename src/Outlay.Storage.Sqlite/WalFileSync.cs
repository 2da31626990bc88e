using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Makes the writer's commits durable outside its write lock. The writer commits with <c>synchronous=NORMAL</c> (the
/// WAL frames are written, not flushed) and counts the commit (<see cref="Committed"/>); after releasing the lock, each
/// writer waits here until one <c>fdatasync</c> of the WAL file that began after its commit has returned, and only
/// then answers its callers. One flush covers every commit before it, so while one flush runs the next group's
/// statements already execute: the flush overlaps work instead of stalling the single writer, and concurrent writers
/// share it. Acknowledged writes survive a power loss exactly as with <c>synchronous=FULL</c>; a reader can see a
/// commit a moment before it is acknowledged (if power fails in that moment, its caller was never told it succeeded
/// and retries by id).
/// </summary>
/// <remarks>
/// Safe because the WAL is append-only between restarts and SQLite restarts it only after a checkpoint has copied
/// every frame into the database and flushed the database file (which <c>synchronous=NORMAL</c> still does): a flush
/// of the WAL file therefore makes every earlier commit durable, and SQLite's frame checksums discard any frame of a
/// later, unflushed commit after a crash. A failed flush is sticky (as PostgreSQL panics on one): the kernel may have
/// dropped the dirty pages, so a later flush that succeeds would prove nothing; every further write then fails until
/// the store is reopened.
/// </remarks>
internal sealed class WalFileSync : IDisposable
{
    private readonly string _walPath;
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private SafeFileHandle? _wal;
    private long _committed;
    private long _durable;
    private Exception? _failure;
    private bool _closed;

    /// <param name="databasePath">The database file; its WAL is this path with <c>-wal</c> appended.</param>
    public WalFileSync(string databasePath)
    {
        _walPath = databasePath + "-wal";
    }

    /// <summary>Flushes done (tests and the load tool read it).</summary>
    public long Flushes { get; private set; }

    /// <summary>Commits counted so far.</summary>
    public long Commits => Volatile.Read(ref _committed);

    /// <summary>Commits known to be on disk.</summary>
    public long DurableCommits => Volatile.Read(ref _durable);

    /// <summary>Counts a commit the writer just made; call under the write lock, after the commit returned.</summary>
    /// <returns>The sequence to pass to <see cref="WaitDurableAsync"/>.</returns>
    public long Committed() => Interlocked.Increment(ref _committed);

    /// <summary>Returns once the commit numbered <paramref name="sequence"/> (and every earlier one) is on disk.</summary>
    /// <exception cref="IOException">The WAL could not be flushed now or by an earlier write.</exception>
    public async ValueTask WaitDurableAsync(long sequence)
    {
        if (Volatile.Read(ref _durable) >= sequence && _failure is null)
        {
            return;
        }

        // Not cancellable: the commit is made, and its caller must learn whether it is durable.
        await _flushLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_failure is not null)
            {
                throw Failed(_failure);
            }

            if (Volatile.Read(ref _durable) >= sequence)
            {
                return;
            }

            // Closing flushed everything it could; a commit not covered then is not known to be durable.
            ObjectDisposedException.ThrowIf(_closed, this);

            FlushCommitted();
        }
        finally
        {
            _flushLock.Release();
        }
    }

    /// <summary>Flushes what is committed (the store is closing, under its write lock) and releases the WAL handle.</summary>
    public void Dispose()
    {
        _flushLock.Wait();
        try
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            if (_failure is null && Volatile.Read(ref _committed) > Volatile.Read(ref _durable))
            {
                try
                {
                    FlushCommitted();
                }
                catch (IOException)
                {
                    // Recorded as the failure; nothing waits for it any more.
                }
            }

            _wal?.Dispose();
        }
        finally
        {
            _flushLock.Release();
        }
    }

    private static IOException Failed(Exception cause) => new(
        "The store's write-ahead log could not be flushed to disk, so recent writes may not be durable; writes fail until Outlay is restarted (check the disk).",
        cause);

    /// <summary>Under the flush lock: flushes, then marks every commit counted before it durable; a failure is kept.</summary>
    private void FlushCommitted()
    {
        // Everything committed so far is covered by the flush that starts now.
        var target = Volatile.Read(ref _committed);
        try
        {
            Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _failure = e;
            throw Failed(e);
        }

        Flushes++;
        Volatile.Write(ref _durable, target);
    }

    private void Flush()
    {
        // The WAL exists from the first write on and lives as long as the writer connection, which outlives this.
        if (OperatingSystem.IsLinux())
        {
            _wal ??= File.OpenHandle(_walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            // fdatasync, as SQLite itself flushes the WAL with synchronous=FULL on Linux: data and size, not times.
            if (FDataSync(_wal) != 0)
            {
                throw new IOException($"fdatasync of {_walPath} failed (errno {Marshal.GetLastPInvokeError()}).");
            }

            return;
        }

        // Elsewhere .NET's own flush (fsync, FlushFileBuffers) on a second handle: either flushes the file, not the handle.
        using var stream = new FileStream(_walPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        stream.Flush(flushToDisk: true);
    }

    // DllImport rather than LibraryImport: the latter needs unsafe code enabled for the whole assembly.
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int FDataSync(SafeFileHandle handle);
}
