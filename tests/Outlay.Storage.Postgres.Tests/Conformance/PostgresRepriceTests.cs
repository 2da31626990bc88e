namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresRepriceTests : Outlay.Storage.Conformance.RepriceTests<PostgresStoreFactory>;
