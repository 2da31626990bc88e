namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterOverflowTests : Outlay.Storage.Conformance.OverflowTests<ClusterStoreFactory>;
