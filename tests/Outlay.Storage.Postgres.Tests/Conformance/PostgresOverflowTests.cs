namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresOverflowTests : Outlay.Storage.Conformance.OverflowTests<PostgresStoreFactory>;
