namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 5: <c>budgets</c>, one row per budget definition. Spend against a budget is not stored: it is read
/// from the rollups whenever asked, so it can never drift from reports.
/// </summary>
internal static class SqliteSchemaV5
{
    // scope_json: the filters as text ("environment:prod"); thresholds: ascending percentages, comma-separated;
    // time_zone: IANA id of calendar periods ("UTC" for rolling ones); rolling_hours: null for calendar periods.
    public const string Script = """
        CREATE TABLE budgets (
            id            TEXT NOT NULL PRIMARY KEY,
            project_id    TEXT NOT NULL,
            name          TEXT NOT NULL,
            scope_json    TEXT NOT NULL,
            amount_nano   INTEGER NOT NULL CHECK (amount_nano > 0),
            period        TEXT NOT NULL,
            time_zone     TEXT NOT NULL,
            rolling_hours INTEGER,
            thresholds    TEXT NOT NULL,
            created_ms    INTEGER NOT NULL
        );

        CREATE INDEX budgets_by_project ON budgets (project_id, created_ms, id);
        """;
}
