namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterRicherDuplicateTests : Outlay.Storage.Conformance.RicherDuplicateTests<ClusterStoreFactory>;
