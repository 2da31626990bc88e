namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterProviderUsageStoreTests : Outlay.Storage.Conformance.ProviderUsageStoreTests<ClusterStoreFactory>;
