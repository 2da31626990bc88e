namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterSpendQueryTests : Outlay.Storage.Conformance.SpendQueryTests<ClusterStoreFactory>;
