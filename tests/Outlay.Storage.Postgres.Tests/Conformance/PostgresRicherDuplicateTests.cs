namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresRicherDuplicateTests : Outlay.Storage.Conformance.RicherDuplicateTests<PostgresStoreFactory>;
