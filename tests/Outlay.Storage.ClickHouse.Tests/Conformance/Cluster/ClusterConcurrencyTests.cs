namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterConcurrencyTests : Outlay.Storage.Conformance.ConcurrencyTests<ClusterStoreFactory>;
