namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteDashboardSessionTests : Outlay.Storage.Conformance.DashboardSessionTests<SqliteStoreFactory>;
