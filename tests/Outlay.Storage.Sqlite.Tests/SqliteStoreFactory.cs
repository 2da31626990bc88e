using Outlay.Storage.Conformance;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>Runs the conformance suite on SQLite: each test gets a new database file in a fresh temp folder.</summary>
public sealed class SqliteStoreFactory : IConformanceStoreFactory
{
    public async Task<ConformanceStore> CreateAsync() => new SqliteConformanceStore(await TempStore.CreateAsync());
}
