namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteFindingAndDropTests : Outlay.Storage.Conformance.FindingAndDropTests<SqliteStoreFactory>;
