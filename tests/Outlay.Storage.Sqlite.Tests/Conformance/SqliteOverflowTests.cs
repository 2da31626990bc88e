namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteOverflowTests : Outlay.Storage.Conformance.OverflowTests<SqliteStoreFactory>;
