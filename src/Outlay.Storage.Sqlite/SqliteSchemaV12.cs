namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 12: <c>events</c> becomes a <c>WITHOUT ROWID</c> table clustered on its primary key
/// (project_id, id). Existing rows are copied into the new table in key order, in the migration's one transaction.
/// </summary>
internal static class SqliteSchemaV12
{
    // Why: a rowid table with a composite text primary key is two b-trees (the rows by rowid, and the key index), so
    // every insert wrote both. Clustered on (project_id, id) an insert writes one, and the rows are stored in the order
    // every reader of events already asks for: the idempotency check and richer-copy lookup (by key), export pages
    // (project, id > cursor, by id), re-pricing candidates (by project, id) and retention (deletes by key). Ids are
    // UUIDv7, so new rows land at the right edge of each project's range. Nothing else indexes events.
    public const string Script = """
        CREATE TABLE events_v12 (
            project_id            TEXT NOT NULL REFERENCES projects(id),
            id                    TEXT NOT NULL,
            ts_ms                 INTEGER NOT NULL,
            provider              TEXT NOT NULL,
            model                 TEXT NOT NULL,
            operation             TEXT NOT NULL,
            service_tier          TEXT NOT NULL,
            status                TEXT NOT NULL,
            latency_ms            INTEGER,
            service               TEXT,
            environment           TEXT,
            instance              TEXT,
            key_label             TEXT,
            tags_json             TEXT NOT NULL,
            input_tokens          INTEGER NOT NULL,
            output_tokens         INTEGER NOT NULL,
            cache_read_tokens     INTEGER NOT NULL,
            cache_write_tokens    INTEGER NOT NULL,
            cache_write_1h_tokens INTEGER NOT NULL,
            reasoning_tokens      INTEGER NOT NULL,
            cost_nano             INTEGER,
            price_id              TEXT,
            resolved_model        TEXT,
            client_cost_nano      INTEGER,
            received_ms           INTEGER NOT NULL,
            PRIMARY KEY (project_id, id)
        ) WITHOUT ROWID;

        INSERT INTO events_v12 (project_id, id, ts_ms, provider, model, operation, service_tier, status, latency_ms,
            service, environment, instance, key_label, tags_json, input_tokens, output_tokens, cache_read_tokens,
            cache_write_tokens, cache_write_1h_tokens, reasoning_tokens, cost_nano, price_id, resolved_model,
            client_cost_nano, received_ms)
        SELECT project_id, id, ts_ms, provider, model, operation, service_tier, status, latency_ms,
            service, environment, instance, key_label, tags_json, input_tokens, output_tokens, cache_read_tokens,
            cache_write_tokens, cache_write_1h_tokens, reasoning_tokens, cost_nano, price_id, resolved_model,
            client_cost_nano, received_ms
        FROM events ORDER BY project_id, id;

        DROP TABLE events;
        ALTER TABLE events_v12 RENAME TO events;
        """;
}
