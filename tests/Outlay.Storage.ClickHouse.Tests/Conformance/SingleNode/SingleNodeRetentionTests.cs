namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeRetentionTests : Outlay.Storage.Conformance.RetentionTests<SingleNodeStoreFactory>;
