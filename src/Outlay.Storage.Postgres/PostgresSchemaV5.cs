namespace Outlay.Storage.Postgres;

// PENDING (issue 6): the DDL lands with its storage this session.
internal static class PostgresSchemaV5
{
    public const string Script = "SELECT 1;";
}
