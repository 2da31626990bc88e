namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresFindingAndDropTests : Outlay.Storage.Conformance.FindingAndDropTests<PostgresStoreFactory>;
