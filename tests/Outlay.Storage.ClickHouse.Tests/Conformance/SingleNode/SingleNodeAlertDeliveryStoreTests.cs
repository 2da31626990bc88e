namespace Outlay.Storage.ClickHouse.Tests.Conformance.SingleNode;

public sealed class SingleNodeAlertDeliveryStoreTests : Outlay.Storage.Conformance.AlertDeliveryStoreTests<SingleNodeStoreFactory>;
