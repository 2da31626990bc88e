namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresProjectAndKeyTests : Outlay.Storage.Conformance.ProjectAndKeyTests<PostgresStoreFactory>;
