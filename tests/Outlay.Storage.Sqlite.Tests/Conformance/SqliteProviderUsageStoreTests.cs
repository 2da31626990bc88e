namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteProviderUsageStoreTests : Outlay.Storage.Conformance.ProviderUsageStoreTests<SqliteStoreFactory>;
