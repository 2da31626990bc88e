using Npgsql;

namespace Outlay.Storage.Postgres;

/// <summary>Classifies server errors the store handles itself.</summary>
internal static class PostgresErrors
{
    /// <summary>"bigint out of range" / numeric overflow: a sum left the exact 64-bit range.</summary>
    public static bool IsOverflow(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.NumericValueOutOfRange;

    /// <summary>Deadlock or serialization failure: the transaction was rolled back and can be run again as a whole.</summary>
    public static bool IsRetryable(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;

    /// <summary>No partition of <c>events</c> holds the row: its month was dropped (retention) after this process created it.</summary>
    public static bool IsMissingPartition(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.CheckViolation && string.Equals(exception.TableName, "events", StringComparison.Ordinal);

    public static OverflowException QueryOverflow(PostgresException exception) =>
        new("A sum over this range exceeds 2^63-1 (about $9.2 billion in nano-dollars, or that many tokens) and cannot be reported exactly; query a shorter range.", exception);
}
