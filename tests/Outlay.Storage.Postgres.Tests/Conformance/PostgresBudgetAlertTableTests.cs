namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresBudgetAlertTableTests : Outlay.Storage.Conformance.BudgetAlertTableTests<PostgresStoreFactory>;
