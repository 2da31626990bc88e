namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterBudgetTableTests : Outlay.Storage.Conformance.BudgetTableTests<ClusterStoreFactory>;
