namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteConcurrencyTests : Outlay.Storage.Conformance.ConcurrencyTests<SqliteStoreFactory>;
