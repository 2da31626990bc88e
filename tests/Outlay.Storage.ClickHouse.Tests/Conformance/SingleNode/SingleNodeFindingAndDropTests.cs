namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeFindingAndDropTests : Outlay.Storage.Conformance.FindingAndDropTests<SingleNodeStoreFactory>;
