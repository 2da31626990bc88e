namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodePriceUsageTests : Outlay.Storage.Conformance.PriceUsageTests<SingleNodeStoreFactory>;
