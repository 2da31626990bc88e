namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresCredentialActivityTests : Outlay.Storage.Conformance.CredentialActivityTests<PostgresStoreFactory>;
