namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterBudgetAlertTableTests : Outlay.Storage.Conformance.BudgetAlertTableTests<ClusterStoreFactory>;
