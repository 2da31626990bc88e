namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterDimensionRollupTests : Outlay.Storage.Conformance.DimensionRollupTests<ClusterStoreFactory>;
