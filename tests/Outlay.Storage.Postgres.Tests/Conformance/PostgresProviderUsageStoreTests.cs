namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresProviderUsageStoreTests : Outlay.Storage.Conformance.ProviderUsageStoreTests<PostgresStoreFactory>;
