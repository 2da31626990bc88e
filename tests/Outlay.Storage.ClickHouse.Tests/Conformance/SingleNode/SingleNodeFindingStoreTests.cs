namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeFindingStoreTests : Outlay.Storage.Conformance.FindingStoreTests<SingleNodeStoreFactory>;
