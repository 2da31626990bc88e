namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>Runs the conformance suite on the two-shard cluster: each test's database is created and dropped on both nodes.</summary>
public sealed class ClusterStoreFactory : IConformanceStoreFactory
{
    public async Task<ConformanceStore> CreateAsync() => new ClickHouseConformanceStore(await TempClickHouseStore.CreateAsync(cluster: true));
}
