namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteDimensionRollupTests : Outlay.Storage.Conformance.DimensionRollupTests<SqliteStoreFactory>;
