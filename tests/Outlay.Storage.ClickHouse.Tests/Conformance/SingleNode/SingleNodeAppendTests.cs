namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeAppendTests : Outlay.Storage.Conformance.AppendTests<SingleNodeStoreFactory>;
