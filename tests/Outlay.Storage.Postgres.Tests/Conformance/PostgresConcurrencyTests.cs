namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresConcurrencyTests : Outlay.Storage.Conformance.ConcurrencyTests<PostgresStoreFactory>;
