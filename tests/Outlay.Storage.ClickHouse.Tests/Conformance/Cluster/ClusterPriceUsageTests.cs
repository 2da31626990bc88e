namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterPriceUsageTests : Outlay.Storage.Conformance.PriceUsageTests<ClusterStoreFactory>;
