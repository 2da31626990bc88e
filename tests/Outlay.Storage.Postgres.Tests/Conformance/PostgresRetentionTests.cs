namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresRetentionTests : Outlay.Storage.Conformance.RetentionTests<PostgresStoreFactory>;
