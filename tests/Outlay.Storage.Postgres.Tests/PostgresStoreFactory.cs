namespace Outlay.Storage.Postgres.Tests;

/// <summary>Runs the conformance suite on PostgreSQL: each test gets a database of its own, dropped after.</summary>
public sealed class PostgresStoreFactory : IConformanceStoreFactory
{
    public async Task<ConformanceStore> CreateAsync() => new PostgresConformanceStore(await TempDatabase.CreateAsync());
}
