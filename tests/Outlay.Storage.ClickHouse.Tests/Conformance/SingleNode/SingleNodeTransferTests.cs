namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeTransferTests : Outlay.Storage.Conformance.TransferTests<SingleNodeStoreFactory>;
