namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterFindingStoreTests : Outlay.Storage.Conformance.FindingStoreTests<ClusterStoreFactory>;
