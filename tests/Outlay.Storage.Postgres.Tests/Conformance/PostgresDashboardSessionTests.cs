namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresDashboardSessionTests : Outlay.Storage.Conformance.DashboardSessionTests<PostgresStoreFactory>;
