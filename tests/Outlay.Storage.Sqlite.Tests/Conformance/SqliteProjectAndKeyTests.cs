namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteProjectAndKeyTests : Outlay.Storage.Conformance.ProjectAndKeyTests<SqliteStoreFactory>;
