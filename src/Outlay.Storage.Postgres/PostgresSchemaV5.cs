namespace Outlay.Storage.Postgres;

/// <summary>
/// Schema version 5: <c>provider_usage_daily</c> (the providers' own daily usage, one row per natural key) and
/// <c>provider_key_mappings</c> (provider key or project id → key label).
/// </summary>
internal static class PostgresSchemaV5
{
    // Index plan.
    // - provider_usage_daily: the primary key is the natural key (ON CONFLICT on it makes the upsert one statement);
    //   (project_id, day_ms) serves the reconciliation read of a day range across providers.
    // - provider_key_mappings: read whole per project, written by primary key.
    // Text is COLLATE "C" so orderings are by code point, as in SQLite and the reconciler.
    public const string Script = """
        CREATE TABLE provider_usage_daily (
            project_id         text COLLATE "C" NOT NULL,
            provider           text COLLATE "C" NOT NULL,
            day_ms             bigint NOT NULL,
            provider_key_id    text COLLATE "C" NOT NULL,
            provider_project   text COLLATE "C" NOT NULL,
            model              text COLLATE "C" NOT NULL,
            service_tier       text COLLATE "C" NOT NULL CHECK (service_tier IN ('', 'default', 'batch', 'flex', 'priority')),
            requests           bigint CHECK (requests >= 0),
            input_tokens       bigint NOT NULL CHECK (input_tokens >= 0),
            output_tokens      bigint NOT NULL CHECK (output_tokens >= 0),
            cache_read_tokens  bigint NOT NULL CHECK (cache_read_tokens >= 0),
            cache_write_tokens bigint NOT NULL CHECK (cache_write_tokens >= 0),
            cost_nano          bigint,
            source             text NOT NULL,
            imported_ms        bigint NOT NULL,
            PRIMARY KEY (project_id, provider, day_ms, provider_key_id, provider_project, model, service_tier)
        );

        CREATE INDEX provider_usage_by_day ON provider_usage_daily (project_id, day_ms);

        CREATE TABLE provider_key_mappings (
            project_id   text COLLATE "C" NOT NULL,
            provider     text COLLATE "C" NOT NULL,
            provider_ref text COLLATE "C" NOT NULL,
            key_label    text COLLATE "C" NOT NULL,
            created_ms   bigint NOT NULL,
            PRIMARY KEY (project_id, provider, provider_ref)
        );
        """;
}
