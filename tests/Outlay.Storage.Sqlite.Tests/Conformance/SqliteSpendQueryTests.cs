namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteSpendQueryTests : Outlay.Storage.Conformance.SpendQueryTests<SqliteStoreFactory>;
