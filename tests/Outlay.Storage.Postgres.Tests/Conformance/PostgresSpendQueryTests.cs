namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresSpendQueryTests : Outlay.Storage.Conformance.SpendQueryTests<PostgresStoreFactory>;
