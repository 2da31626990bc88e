namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeOverflowTests : Outlay.Storage.Conformance.OverflowTests<SingleNodeStoreFactory>;
