namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeSpendQueryTests : Outlay.Storage.Conformance.SpendQueryTests<SingleNodeStoreFactory>;
