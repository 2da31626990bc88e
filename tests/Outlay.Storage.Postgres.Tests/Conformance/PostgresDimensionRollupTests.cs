namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresDimensionRollupTests : Outlay.Storage.Conformance.DimensionRollupTests<PostgresStoreFactory>;
