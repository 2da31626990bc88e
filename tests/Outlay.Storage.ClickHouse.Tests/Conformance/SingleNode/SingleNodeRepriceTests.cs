namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeRepriceTests : Outlay.Storage.Conformance.RepriceTests<SingleNodeStoreFactory>;
