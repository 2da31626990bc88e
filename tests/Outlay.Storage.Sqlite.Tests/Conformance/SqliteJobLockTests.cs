using Outlay.Storage.Conformance;

namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteJobLockTests : JobLockTests<SqliteStoreFactory>
{
    /// <summary>Deletes the lock file: the holder keeps a lock on a file nobody else can open any more.</summary>
    protected override Task BreakHolderAsync(ConformanceStore temp, string name)
    {
        File.Delete(SqliteJobLockFile.PathFor(((SqliteOutlayStore)temp.Store).DatabasePath, name));
        return Task.CompletedTask;
    }
}
