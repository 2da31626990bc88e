namespace Outlay.Storage.ClickHouse.Tests.Conformance.Cluster;

public sealed class ClusterAlertDeliveryStoreTests : Outlay.Storage.Conformance.AlertDeliveryStoreTests<ClusterStoreFactory>;
