namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeDimensionRollupTests : Outlay.Storage.Conformance.DimensionRollupTests<SingleNodeStoreFactory>;
