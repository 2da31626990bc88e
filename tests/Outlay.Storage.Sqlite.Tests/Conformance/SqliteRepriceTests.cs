namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteRepriceTests : Outlay.Storage.Conformance.RepriceTests<SqliteStoreFactory>;
