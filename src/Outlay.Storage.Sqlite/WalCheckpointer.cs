using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Copies the WAL back into the database file on a background connection, so the single writer never does it inside
/// a commit (SQLite's automatic checkpoint runs in the committing connection and, with its two flushes, took about a
/// third of the writer's time under ingest). After each commit the writer pokes it; a pass is a <c>PASSIVE</c>
/// checkpoint, which waits for no reader or writer and copies what it can.
/// </summary>
/// <remarks>
/// SQLite starts the WAL over only when a write transaction begins after a checkpoint copied every frame. Under steady
/// ingest the next group always begins before a pass catches up, so once the WAL has grown past
/// <see cref="RestartFrames"/> the writer lets one pass finish before its next write (<see cref="CatchUpAsync"/>); the
/// pass then has only the last commit left to copy. A reader holding an old snapshot can stop the restart; the writer
/// then tries again only after the WAL has grown by the same amount again, so a long query never stalls ingest twice.
/// </remarks>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>WAL frames (pages) past which the writer waits for a pass so the WAL can restart, by default: 8,192, about 32 MiB.</summary>
    public const int RestartFrames = 8_192;

    // Between passes, so a trickle of single-event commits does not flush the database file after every one.
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(50);

    private readonly string _connectionString;
    private readonly object _gate = new(); // Monitor, for Wait and Pulse
    private readonly long _restartFrames;
    private TaskCompletionSource? _waiters;
    private Thread? _thread;
    private bool _poked;
    private bool _stopping;
    private long _walFrames;
    private long _restartAt;
    private long _passes;

    /// <param name="connectionString">A read-write connection to the store's file, used only by the passes.</param>
    /// <param name="restartFrames">Frames past which the writer waits for a pass; <see cref="RestartFrames"/> unless a test needs a short WAL.</param>
    public WalCheckpointer(string connectionString, int restartFrames = RestartFrames)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(restartFrames, 1);
        _connectionString = connectionString;
        _restartFrames = restartFrames;
        _restartAt = restartFrames;
    }

    /// <summary>Passes run so far (tests read it).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Frames in the WAL when the last pass ran, or 0 when a catch-up pass copied them all.</summary>
    public long WalFrames => Interlocked.Read(ref _walFrames);

    /// <summary>True when the writer should let a pass finish before its next write (see the remarks).</summary>
    public bool ShouldCatchUp => WalFrames >= Interlocked.Read(ref _restartAt);

    /// <summary>Asks for a pass soon; cheap, call after every commit.</summary>
    public void Poke()
    {
        lock (_gate)
        {
            Wake();
        }
    }

    /// <summary>Returns once a pass that began after this call has finished (whatever it managed to copy).</summary>
    public Task CatchUpAsync()
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return Task.CompletedTask;
            }

            _waiters ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Wake();
            return _waiters.Task;
        }
    }

    /// <summary>Stops the thread after the pass in progress; the store checkpoints once more itself when its writer closes.</summary>
    public ValueTask DisposeAsync()
    {
        Thread? thread;
        lock (_gate)
        {
            _stopping = true;
            thread = _thread;
            Monitor.PulseAll(_gate);
        }

        thread?.Join();
        return ValueTask.CompletedTask;
    }

    // Under _gate.
    private void Wake()
    {
        if (_stopping)
        {
            return;
        }

        if (_thread is null)
        {
            // A thread of its own: a pass blocks on disk, and the writer may be waiting for one under its lock, so it must
            // not queue behind a busy thread pool.
            _thread = new Thread(Run) { IsBackground = true, Name = "Outlay WAL checkpoint" };
            _thread.Start();
        }

        _poked = true;
        Monitor.PulseAll(_gate);
    }

    private void Run()
    {
        using var connection = new SqliteConnection(_connectionString);
        while (true)
        {
            TaskCompletionSource? waiters;
            lock (_gate)
            {
                while (!_poked && !_stopping)
                {
                    Monitor.Wait(_gate);
                }

                if (_stopping)
                {
                    _waiters?.TrySetResult();
                    _waiters = null;
                    return;
                }

                _poked = false;
                waiters = _waiters;
                _waiters = null;
            }

            Pass(connection, catchUp: waiters is not null);
            waiters?.TrySetResult();

            // Pause before the next pass, unless the writer is waiting for one.
            lock (_gate)
            {
                var until = Environment.TickCount64 + (long)MinimumInterval.TotalMilliseconds;
                long remaining;
                while (_waiters is null && !_stopping && (remaining = until - Environment.TickCount64) > 0)
                {
                    Monitor.Wait(_gate, (int)remaining);
                }
            }
        }
    }

    private void Pass(SqliteConnection connection, bool catchUp)
    {
        try
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                connection.Open();
            }

            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return;
            }

            // (busy, frames in the WAL, frames copied); -1 when the database is not in WAL mode.
            var frames = reader.GetInt64(1);
            var copied = reader.GetInt64(2);
            // A catch-up pass runs while the writer waits under its lock, so when it copied everything the writer's next
            // write starts the WAL over: it no longer counts as long (the next pass tells). After any other pass the
            // writer may already be inside its next write, which then appends to the WAL as it is.
            Interlocked.Exchange(ref _walFrames, catchUp && copied >= frames ? 0 : frames);
            if (frames < _restartFrames)
            {
                // The WAL started over.
                Interlocked.Exchange(ref _restartAt, _restartFrames);
            }
            else if (copied < frames && frames >= Interlocked.Read(ref _restartAt))
            {
                // A reader still needs the old frames: wait for the WAL to grow as much again before stalling again.
                Interlocked.Exchange(ref _restartAt, frames + _restartFrames);
            }

            Interlocked.Increment(ref _passes);
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
        {
            // Best effort, on a thread of its own that must not end the process: a busy or full disk leaves the frames
            // in the WAL, where they stay readable and durable. The connection is opened afresh for the next pass.
            connection.Close();
        }
    }
}
