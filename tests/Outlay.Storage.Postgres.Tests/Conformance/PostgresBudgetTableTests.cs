namespace Outlay.Storage.Postgres.Tests.Conformance;

public sealed class PostgresBudgetTableTests : Outlay.Storage.Conformance.BudgetTableTests<PostgresStoreFactory>;
