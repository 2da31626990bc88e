using Microsoft.Data.Sqlite;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite;

public sealed partial class SqliteOutlayStore
{
    /// <summary>The full path of the database file.</summary>
    internal string DatabasePath => new SqliteConnectionStringBuilder(_connections.WriterConnectionString).DataSource;

    /// <inheritdoc />
    /// <remarks>An exclusive OS lock on <c>{database}-job-{name}.lock</c> beside the database file (<see cref="SqliteJobLockFile"/>).</remarks>
    /// <exception cref="InvalidOperationException">.NET file locking is turned off in this process.</exception>
    public Task<IJobLease?> TryAcquireJobLockAsync(string name, CancellationToken cancellationToken = default)
    {
        JobLockName.Validate(name);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var path = SqliteJobLockFile.PathFor(DatabasePath, name);
        var file = SqliteJobLockFile.TryLock(path);
        return Task.FromResult<IJobLease?>(file is null ? null : new SqliteJobLease(name, path, file));
    }
}
