namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresAppendTests : Outlay.Storage.Conformance.AppendTests<PostgresStoreFactory>;
