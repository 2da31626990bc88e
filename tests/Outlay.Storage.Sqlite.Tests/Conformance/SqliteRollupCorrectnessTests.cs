namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteRollupCorrectnessTests : Outlay.Storage.Conformance.RollupCorrectnessTests<SqliteStoreFactory>;
