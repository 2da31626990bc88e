namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteBudgetAlertTableTests : Outlay.Storage.Conformance.BudgetAlertTableTests<SqliteStoreFactory>;
