using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite;

/// <summary>Turns SQLite's "integer overflow" from SUM() into a clear <see cref="OverflowException"/>.</summary>
internal static class SumOverflow
{
    public static bool IsOverflow(SqliteException exception) =>
        exception.SqliteErrorCode == 1 && exception.Message.Contains("integer overflow", StringComparison.Ordinal);

    public static OverflowException ToException(SqliteException exception) =>
        new("A sum over this range exceeds 2^63-1 (about $9.2 billion in nano-dollars, or that many tokens) and cannot be reported exactly; query a shorter range.", exception);
}
