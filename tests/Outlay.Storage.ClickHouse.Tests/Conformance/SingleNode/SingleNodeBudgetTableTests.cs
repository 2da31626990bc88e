namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeBudgetTableTests : Outlay.Storage.Conformance.BudgetTableTests<SingleNodeStoreFactory>;
