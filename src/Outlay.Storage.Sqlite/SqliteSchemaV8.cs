namespace Outlay.Storage.Sqlite;

// PENDING (issue 6): the DDL lands with its storage this session.
internal static class SqliteSchemaV8
{
    public const string Script = "SELECT 1;";
}
