namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 6: <c>budget_alerts</c>, the alert history. The unique key makes each alert fire once per budget,
/// period, kind and threshold, across restarts and across server processes sharing the file.
/// </summary>
internal static class SqliteSchemaV6
{
    // kind: 'threshold' or 'forecast'; threshold: percent (100 for forecast); period_start_ms: the period's start
    // (a rolling window's epoch bucket); percent: two-decimal percentage as shown, kept as text to stay exact.
    public const string Script = """
        CREATE TABLE budget_alerts (
            project_id      TEXT NOT NULL,
            budget_id       TEXT NOT NULL,
            budget_name     TEXT NOT NULL,
            period_start_ms INTEGER NOT NULL,
            kind            TEXT NOT NULL CHECK (kind IN ('threshold', 'forecast')),
            threshold       INTEGER NOT NULL,
            fired_ms        INTEGER NOT NULL,
            spent_nano      INTEGER NOT NULL,
            amount_nano     INTEGER NOT NULL,
            percent         TEXT NOT NULL,
            UNIQUE (budget_id, period_start_ms, kind, threshold)
        );

        CREATE INDEX budget_alerts_by_project ON budget_alerts (project_id, fired_ms);
        """;
}
