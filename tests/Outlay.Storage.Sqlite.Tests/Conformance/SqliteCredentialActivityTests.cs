namespace Outlay.Storage.Sqlite.Tests.Conformance;

public sealed class SqliteCredentialActivityTests : Outlay.Storage.Conformance.CredentialActivityTests<SqliteStoreFactory>;
