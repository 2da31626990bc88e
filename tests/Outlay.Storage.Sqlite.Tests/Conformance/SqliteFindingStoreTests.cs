namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteFindingStoreTests : Outlay.Storage.Conformance.FindingStoreTests<SqliteStoreFactory>;
