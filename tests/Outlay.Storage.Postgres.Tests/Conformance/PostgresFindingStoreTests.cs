namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresFindingStoreTests : Outlay.Storage.Conformance.FindingStoreTests<PostgresStoreFactory>;
