namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteTransferTests : Outlay.Storage.Conformance.TransferTests<SqliteStoreFactory>;
