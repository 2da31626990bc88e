namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteRetentionTests : Outlay.Storage.Conformance.RetentionTests<SqliteStoreFactory>;
