namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 1. Times are INTEGER Unix milliseconds (UTC); money is INTEGER nano-dollars.
/// There is deliberately no column that could hold a prompt, completion, request body or key: only metadata,
/// counts, prices and key hashes.
/// </summary>
internal static class SqliteSchemaV1
{
    // Index plan.
    // - rollups_hourly: every spend query is "one project, an hour range, then group/filter", so the primary key
    //   starts (project_id, hour): a query is a single contiguous range scan of the key b-tree and never touches
    //   other projects or hours. The remaining key columns make each (hour, dimension combination) one row, which
    //   is what the append's UPSERT conflicts on. WITHOUT ROWID stores rows inside that b-tree, so the range scan
    //   reads the sums directly with no second lookup.
    // - events: the primary key (project_id, id) is the idempotency check of every append; nothing else reads
    //   raw events on a hot path, so no further index is paid for on insert.
    // - api_keys: looked up by key_id (primary key) on every request; listed per project.
    public const string Script = """
        CREATE TABLE projects (
            id          TEXT NOT NULL PRIMARY KEY,
            name        TEXT NOT NULL UNIQUE,
            created_ms  INTEGER NOT NULL
        );

        CREATE TABLE api_keys (
            key_id            TEXT NOT NULL PRIMARY KEY,
            project_id        TEXT NOT NULL REFERENCES projects(id),
            kind              TEXT NOT NULL CHECK (kind IN ('ingest', 'read', 'admin')),
            secret_hash       BLOB NOT NULL CHECK (length(secret_hash) = 32),
            environments_json TEXT NOT NULL,
            name              TEXT,
            created_ms        INTEGER NOT NULL,
            revoked_ms        INTEGER
        );
        CREATE INDEX api_keys_by_project ON api_keys (project_id, created_ms);

        CREATE TABLE events (
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
        );

        CREATE TABLE rollups_hourly (
            project_id            TEXT NOT NULL,
            hour                  INTEGER NOT NULL,
            provider              TEXT NOT NULL,
            model                 TEXT NOT NULL,
            operation             TEXT NOT NULL,
            service               TEXT NOT NULL,
            environment           TEXT NOT NULL,
            key_label             TEXT NOT NULL,
            status                TEXT NOT NULL,
            service_tier          TEXT NOT NULL,
            tags_json             TEXT NOT NULL,
            cost_nano             INTEGER NOT NULL,
            events                INTEGER NOT NULL,
            unpriced_events       INTEGER NOT NULL,
            input_tokens          INTEGER NOT NULL,
            output_tokens         INTEGER NOT NULL,
            cache_read_tokens     INTEGER NOT NULL,
            cache_write_tokens    INTEGER NOT NULL,
            cache_write_1h_tokens INTEGER NOT NULL,
            reasoning_tokens      INTEGER NOT NULL,
            PRIMARY KEY (project_id, hour, provider, model, operation, service, environment, key_label, status, service_tier, tags_json)
        ) WITHOUT ROWID;

        CREATE TABLE security_findings (
            id          TEXT NOT NULL PRIMARY KEY,
            project_id  TEXT NOT NULL REFERENCES projects(id),
            kind        TEXT NOT NULL,
            detail      TEXT NOT NULL,
            service     TEXT,
            environment TEXT,
            key_id      TEXT,
            at_ms       INTEGER NOT NULL
        );
        CREATE INDEX security_findings_by_project ON security_findings (project_id, at_ms);

        CREATE TABLE client_drops (
            project_id         TEXT NOT NULL PRIMARY KEY REFERENCES projects(id),
            queue_full         INTEGER NOT NULL,
            rejected_by_server INTEGER NOT NULL,
            send_failed        INTEGER NOT NULL
        );
        """;
}
