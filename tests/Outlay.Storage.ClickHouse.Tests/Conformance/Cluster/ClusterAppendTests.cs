namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterAppendTests : Outlay.Storage.Conformance.AppendTests<ClusterStoreFactory>;
