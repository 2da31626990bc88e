namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteAlertDeliveryStoreTests : Outlay.Storage.Conformance.AlertDeliveryStoreTests<SqliteStoreFactory>;
