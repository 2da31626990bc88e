namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeRicherDuplicateTests : Outlay.Storage.Conformance.RicherDuplicateTests<SingleNodeStoreFactory>;
