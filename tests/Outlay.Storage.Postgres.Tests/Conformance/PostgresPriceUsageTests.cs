namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresPriceUsageTests : Outlay.Storage.Conformance.PriceUsageTests<PostgresStoreFactory>;
