using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// A job lock held as an exclusive OS lock on a sibling file of the database (see <see cref="SqliteJobLockFile"/>): the
/// operating system releases it when the handle closes, including when the process dies, so no lease expiry and no
/// clock is involved. The lock can only be lost from outside by deleting the file, which <see cref="CheckAsync"/> notices.
/// </summary>
internal sealed class SqliteJobLease : IJobLease
{
    private readonly FileStream _file;
    private readonly string _path;
    private readonly Lock _gate = new();
    private bool _held = true;

    public SqliteJobLease(string name, string path, FileStream file)
    {
        Name = name;
        _path = path;
        _file = file;
    }

    public string Name { get; }

    public bool IsHeld
    {
        get
        {
            lock (_gate)
            {
                return _held;
            }
        }
    }

    public Task<bool> CheckAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_held && !File.Exists(_path))
            {
                // Deleted: the next process to open the path creates a new file and locks that one.
                Lose();
            }

            return Task.FromResult(_held);
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            Lose();
        }

        return ValueTask.CompletedTask;
    }

    private void Lose()
    {
        _held = false;
        _file.Dispose();
    }
}
