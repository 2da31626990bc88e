namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeConcurrencyTests : Outlay.Storage.Conformance.ConcurrencyTests<SingleNodeStoreFactory>;
