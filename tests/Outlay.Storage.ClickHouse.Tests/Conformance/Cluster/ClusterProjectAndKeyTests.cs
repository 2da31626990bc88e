namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterProjectAndKeyTests : Outlay.Storage.Conformance.ProjectAndKeyTests<ClusterStoreFactory>;
