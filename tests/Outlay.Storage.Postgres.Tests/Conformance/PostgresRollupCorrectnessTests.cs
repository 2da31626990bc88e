namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresRollupCorrectnessTests : Outlay.Storage.Conformance.RollupCorrectnessTests<PostgresStoreFactory>;
