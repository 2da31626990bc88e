namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresAlertDeliveryStoreTests : Outlay.Storage.Conformance.AlertDeliveryStoreTests<PostgresStoreFactory>;
