namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterRetentionTests : Outlay.Storage.Conformance.RetentionTests<ClusterStoreFactory>;
