namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 2: dashboard sessions, and which price entry priced which model per hour (backfilled from
/// <c>events</c>, then maintained by every append in the same transaction as the events).
/// </summary>
internal static class SqliteSchemaV2
{
    // Index plan.
    // - dashboard_sessions: found by session_id (primary key) on every dashboard request; the expiry index serves
    //   the periodic "delete expired" sweep without a table scan. Only the SHA-256 of the cookie value is stored.
    // - price_usage_hourly: read as "one project, an hour range", so the key starts (project_id, hour) like
    //   rollups_hourly; price_id is '' for unpriced events because key columns of a WITHOUT ROWID table cannot be NULL.
    // The backfill floors ts_ms to the hour the same way the appender does, negative times included.
    public const string Script = """
        CREATE TABLE dashboard_sessions (
            session_id  TEXT NOT NULL PRIMARY KEY,
            secret_hash BLOB NOT NULL CHECK (length(secret_hash) = 32),
            project_id  TEXT NOT NULL REFERENCES projects(id),
            key_id      TEXT NOT NULL,
            kind        TEXT NOT NULL CHECK (kind IN ('read', 'admin')),
            created_ms  INTEGER NOT NULL,
            expires_ms  INTEGER NOT NULL
        );
        CREATE INDEX dashboard_sessions_by_expiry ON dashboard_sessions (expires_ms);

        CREATE TABLE price_usage_hourly (
            project_id            TEXT NOT NULL,
            hour                  INTEGER NOT NULL,
            provider              TEXT NOT NULL,
            model                 TEXT NOT NULL,
            price_id              TEXT NOT NULL,
            events                INTEGER NOT NULL,
            unpriced_events       INTEGER NOT NULL,
            cost_nano             INTEGER NOT NULL,
            input_tokens          INTEGER NOT NULL,
            output_tokens         INTEGER NOT NULL,
            cache_read_tokens     INTEGER NOT NULL,
            cache_write_tokens    INTEGER NOT NULL,
            cache_write_1h_tokens INTEGER NOT NULL,
            reasoning_tokens      INTEGER NOT NULL,
            PRIMARY KEY (project_id, hour, provider, model, price_id)
        ) WITHOUT ROWID;

        INSERT INTO price_usage_hourly (project_id, hour, provider, model, price_id, events, unpriced_events, cost_nano,
            input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT project_id,
            (ts_ms - (((ts_ms % 3600000) + 3600000) % 3600000)) / 1000 AS h,
            provider,
            model,
            CASE WHEN cost_nano IS NULL THEN '' ELSE COALESCE(price_id, '') END AS p,
            COUNT(*),
            SUM(cost_nano IS NULL),
            COALESCE(SUM(cost_nano), 0),
            SUM(input_tokens),
            SUM(output_tokens),
            SUM(cache_read_tokens),
            SUM(cache_write_tokens),
            SUM(cache_write_1h_tokens),
            SUM(reasoning_tokens)
        FROM events
        GROUP BY project_id, h, provider, model, p;
        """;
}
