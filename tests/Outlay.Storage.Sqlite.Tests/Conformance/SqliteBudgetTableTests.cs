namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteBudgetTableTests : Outlay.Storage.Conformance.BudgetTableTests<SqliteStoreFactory>;
