namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeBudgetAlertTableTests : Outlay.Storage.Conformance.BudgetAlertTableTests<SingleNodeStoreFactory>;
