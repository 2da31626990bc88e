namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 11: the full hourly rollup keyed by a small id. <c>rollup_keys</c> holds each project's distinct
/// dimension combinations (provider, model, …, tags JSON) once; <c>rollups_hourly</c> becomes (project, hour, key id)
/// plus the nine sums. Existing rows are converted in place, in the migration's one transaction.
/// </summary>
internal static class SqliteSchemaV11
{
    // Why: at 10M events the wide rollup held 3.7M rows whose 11-column text key was most of each row; every append
    // rewrote it and every multi-dimension query read it and parsed the tags JSON of every row. A key id makes rows a
    // few dozen bytes, and queries filter and extract on the (far fewer) keys first, reading each key's JSON once.
    // Index plan.
    // - rollups_hourly: primary key (project_id, hour, key_id), still one contiguous range scan per query; appends of
    //   the current hours write to the same few leaf pages. No (project_id, key_id, hour) index: the queries scan the
    //   hour range and probe the matching keys in memory, and a second b-tree would cost every append.
    // - rollup_keys: the INTEGER PRIMARY KEY is the id (the join target); the UNIQUE constraint is the append's
    //   lookup on a cache miss and a query's per-project key scan (it starts with project_id).
    // Keys are never deleted: an id in an appender's cache stays valid in every process sharing the file.
    public const string Script = """
        CREATE TABLE rollup_keys (
            id            INTEGER PRIMARY KEY,
            project_id    TEXT NOT NULL,
            provider      TEXT NOT NULL,
            model         TEXT NOT NULL,
            operation     TEXT NOT NULL,
            service       TEXT NOT NULL,
            environment   TEXT NOT NULL,
            key_label     TEXT NOT NULL,
            status        TEXT NOT NULL,
            service_tier  TEXT NOT NULL,
            tags_json     TEXT NOT NULL,
            UNIQUE (project_id, provider, model, operation, service, environment, key_label, status, service_tier, tags_json)
        );

        INSERT INTO rollup_keys (project_id, provider, model, operation, service, environment, key_label, status, service_tier, tags_json)
        SELECT DISTINCT project_id, provider, model, operation, service, environment, key_label, status, service_tier, tags_json
        FROM rollups_hourly ORDER BY project_id, provider, model, operation, service, environment, key_label, status, service_tier, tags_json;

        CREATE TABLE rollups_hourly_by_key (
            project_id            TEXT NOT NULL,
            hour                  INTEGER NOT NULL,
            key_id                INTEGER NOT NULL,
            cost_nano             INTEGER NOT NULL,
            events                INTEGER NOT NULL,
            unpriced_events       INTEGER NOT NULL,
            input_tokens          INTEGER NOT NULL,
            output_tokens         INTEGER NOT NULL,
            cache_read_tokens     INTEGER NOT NULL,
            cache_write_tokens    INTEGER NOT NULL,
            cache_write_1h_tokens INTEGER NOT NULL,
            reasoning_tokens      INTEGER NOT NULL,
            PRIMARY KEY (project_id, hour, key_id)
        ) WITHOUT ROWID;

        INSERT INTO rollups_hourly_by_key (project_id, hour, key_id, cost_nano, events, unpriced_events, input_tokens,
            output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT r.project_id, r.hour, k.id, r.cost_nano, r.events, r.unpriced_events, r.input_tokens,
            r.output_tokens, r.cache_read_tokens, r.cache_write_tokens, r.cache_write_1h_tokens, r.reasoning_tokens
        FROM rollups_hourly r JOIN rollup_keys k
            ON k.project_id = r.project_id AND k.provider = r.provider AND k.model = r.model AND k.operation = r.operation
            AND k.service = r.service AND k.environment = r.environment AND k.key_label = r.key_label
            AND k.status = r.status AND k.service_tier = r.service_tier AND k.tags_json = r.tags_json
        ORDER BY r.project_id, r.hour, k.id;

        DROP TABLE rollups_hourly;
        ALTER TABLE rollups_hourly_by_key RENAME TO rollups_hourly;
        """;
}
