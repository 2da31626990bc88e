namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>Runs the conformance suite on one ClickHouse node: each test gets a database of its own, dropped after.</summary>
public sealed class SingleNodeStoreFactory : IConformanceStoreFactory
{
    public async Task<ConformanceStore> CreateAsync() => new ClickHouseConformanceStore(await TempClickHouseStore.CreateAsync(cluster: false));
}
