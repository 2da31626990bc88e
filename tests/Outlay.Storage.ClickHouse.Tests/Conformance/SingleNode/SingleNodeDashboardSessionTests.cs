namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeDashboardSessionTests : Outlay.Storage.Conformance.DashboardSessionTests<SingleNodeStoreFactory>;
