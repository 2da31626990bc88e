namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteAppendTests : Outlay.Storage.Conformance.AppendTests<SqliteStoreFactory>;
