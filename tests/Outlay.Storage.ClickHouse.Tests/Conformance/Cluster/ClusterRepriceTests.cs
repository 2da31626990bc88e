namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterRepriceTests : Outlay.Storage.Conformance.RepriceTests<ClusterStoreFactory>;
