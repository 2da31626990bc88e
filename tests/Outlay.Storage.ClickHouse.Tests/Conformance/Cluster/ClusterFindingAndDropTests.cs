namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterFindingAndDropTests : Outlay.Storage.Conformance.FindingAndDropTests<ClusterStoreFactory>;
