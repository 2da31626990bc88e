namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterDashboardSessionTests : Outlay.Storage.Conformance.DashboardSessionTests<ClusterStoreFactory>;
