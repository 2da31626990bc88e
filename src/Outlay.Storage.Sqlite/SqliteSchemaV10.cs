namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 10: <c>provider_usage_daily</c> (the providers' own daily usage, one row per natural key) and
/// <c>provider_key_mappings</c> (provider key or project id → key label).
/// </summary>
internal static class SqliteSchemaV10
{
    // Index plan.
    // - provider_usage_daily: the primary key is the natural key led by (project_id, provider, day_ms); the upsert uses
    //   it and so does the reconciliation read (project, day range) through its project prefix plus day filter. A second
    //   index on (project_id, day_ms) serves that read across providers without a scan.
    // - provider_key_mappings: read whole per project, written by primary key.
    public const string Script = """
        CREATE TABLE provider_usage_daily (
            project_id         TEXT NOT NULL,
            provider           TEXT NOT NULL,
            day_ms             INTEGER NOT NULL,
            provider_key_id    TEXT NOT NULL,
            provider_project   TEXT NOT NULL,
            model              TEXT NOT NULL,
            service_tier       TEXT NOT NULL CHECK (service_tier IN ('', 'default', 'batch', 'flex', 'priority')),
            requests           INTEGER CHECK (requests >= 0),
            input_tokens       INTEGER NOT NULL CHECK (input_tokens >= 0),
            output_tokens      INTEGER NOT NULL CHECK (output_tokens >= 0),
            cache_read_tokens  INTEGER NOT NULL CHECK (cache_read_tokens >= 0),
            cache_write_tokens INTEGER NOT NULL CHECK (cache_write_tokens >= 0),
            cost_nano          INTEGER,
            source             TEXT NOT NULL,
            imported_ms        INTEGER NOT NULL,
            PRIMARY KEY (project_id, provider, day_ms, provider_key_id, provider_project, model, service_tier)
        ) WITHOUT ROWID;

        CREATE INDEX provider_usage_by_day ON provider_usage_daily (project_id, day_ms);

        CREATE TABLE provider_key_mappings (
            project_id   TEXT NOT NULL,
            provider     TEXT NOT NULL,
            provider_ref TEXT NOT NULL,
            key_label    TEXT NOT NULL,
            created_ms   INTEGER NOT NULL,
            PRIMARY KEY (project_id, provider, provider_ref)
        ) WITHOUT ROWID;
        """;
}
