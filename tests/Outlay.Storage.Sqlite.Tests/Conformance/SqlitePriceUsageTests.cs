namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqlitePriceUsageTests : Outlay.Storage.Conformance.PriceUsageTests<SqliteStoreFactory>;
