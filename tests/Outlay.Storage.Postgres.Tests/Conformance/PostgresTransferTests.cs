namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresTransferTests : Outlay.Storage.Conformance.TransferTests<PostgresStoreFactory>;
