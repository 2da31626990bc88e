namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteRicherDuplicateTests : Outlay.Storage.Conformance.RicherDuplicateTests<SqliteStoreFactory>;
