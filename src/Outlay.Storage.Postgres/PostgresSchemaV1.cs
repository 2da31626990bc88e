namespace Outlay.Storage.Postgres;

/// <summary>
/// Schema version 1: everything the SQLite store has at its version 6, in one step. Money and token counts are
/// <c>bigint</c> (nano-dollars and tokens, never float); instants other than event times are <c>bigint</c> Unix
/// milliseconds as in SQLite, so both engines round-trip the same values. Every text column that is grouped, ordered or
/// keyed uses <c>COLLATE "C"</c>, so rows sort by UTF-8 bytes whatever the database's default collation, exactly as
/// SQLite's BINARY collation does. No column can hold a prompt, completion, body or key.
/// </summary>
internal static class PostgresSchemaV1
{
    // Index plan (EXPLAIN output in README.md):
    // - events is partitioned by month on occurred_at (declarative RANGE partitions, created on demand by
    //   EventPartitions before an insert needs them), so retention is DROP TABLE of a month and no query ever scans
    //   more than the months it asks for. Its primary key must contain the partition key, so it cannot by itself make
    //   (project_id, id) unique across months: event_ids is that ledger, one row per stored event id, and every
    //   append inserts there first (ON CONFLICT DO NOTHING) and stores in events only the ids that insert won.
    //   event_ids.occurred_at says which partition holds the event, for the rare richer-duplicate replacement.
    // - rollups_hourly, rollups_dim_hourly, rollups_dim_daily, price_usage_hourly: same primary keys as SQLite, all
    //   starting (project_id, hour|dimension …), so a spend query is one index range scan of one project's hours.
    //   fillfactor 90 leaves room for the HOT updates every append's upsert makes.
    // - budgets (project_id, created_ms, id), budget_alerts (project_id, seq) and the unique alert key, api_keys and
    //   security_findings by project, dashboard_sessions by expiry: each list or sweep is an index range scan.
    public const string Script = """
        CREATE TABLE projects (
            id          text COLLATE "C" NOT NULL PRIMARY KEY,
            name        text COLLATE "C" NOT NULL UNIQUE,
            created_ms  bigint NOT NULL
        );

        CREATE TABLE api_keys (
            key_id            text COLLATE "C" NOT NULL PRIMARY KEY,
            project_id        text COLLATE "C" NOT NULL REFERENCES projects(id),
            kind              text NOT NULL CHECK (kind IN ('ingest', 'read', 'admin')),
            secret_hash       bytea NOT NULL CHECK (length(secret_hash) = 32),
            environments_json text NOT NULL,
            name              text,
            created_ms        bigint NOT NULL,
            revoked_ms        bigint
        );
        CREATE INDEX api_keys_by_project ON api_keys (project_id, created_ms, key_id);

        CREATE TABLE event_ids (
            project_id  text COLLATE "C" NOT NULL REFERENCES projects(id),
            id          uuid NOT NULL,
            occurred_at timestamptz NOT NULL,
            PRIMARY KEY (project_id, id)
        );

        CREATE TABLE events (
            project_id            text COLLATE "C" NOT NULL,
            id                    uuid NOT NULL,
            occurred_at           timestamptz NOT NULL,
            provider              text COLLATE "C" NOT NULL,
            model                 text COLLATE "C" NOT NULL,
            operation             text COLLATE "C" NOT NULL,
            service_tier          text COLLATE "C" NOT NULL,
            status                text COLLATE "C" NOT NULL,
            latency_ms            bigint,
            service               text COLLATE "C",
            environment           text COLLATE "C",
            instance              text COLLATE "C",
            key_label             text COLLATE "C",
            tags_json             text COLLATE "C" NOT NULL,
            input_tokens          bigint NOT NULL,
            output_tokens         bigint NOT NULL,
            cache_read_tokens     bigint NOT NULL,
            cache_write_tokens    bigint NOT NULL,
            cache_write_1h_tokens bigint NOT NULL,
            reasoning_tokens      bigint NOT NULL,
            cost_nano             bigint,
            price_id              text COLLATE "C",
            resolved_model        text COLLATE "C",
            client_cost_nano      bigint,
            received_at           timestamptz NOT NULL,
            PRIMARY KEY (project_id, id, occurred_at)
        ) PARTITION BY RANGE (occurred_at);

        CREATE TABLE rollups_hourly (
            project_id            text COLLATE "C" NOT NULL,
            hour                  bigint NOT NULL,
            provider              text COLLATE "C" NOT NULL,
            model                 text COLLATE "C" NOT NULL,
            operation             text COLLATE "C" NOT NULL,
            service               text COLLATE "C" NOT NULL,
            environment           text COLLATE "C" NOT NULL,
            key_label             text COLLATE "C" NOT NULL,
            status                text COLLATE "C" NOT NULL,
            service_tier          text COLLATE "C" NOT NULL,
            tags_json             text COLLATE "C" NOT NULL,
            tags                  jsonb GENERATED ALWAYS AS (tags_json::jsonb) STORED,
            cost_nano             bigint NOT NULL,
            events                bigint NOT NULL,
            unpriced_events       bigint NOT NULL,
            input_tokens          bigint NOT NULL,
            output_tokens         bigint NOT NULL,
            cache_read_tokens     bigint NOT NULL,
            cache_write_tokens    bigint NOT NULL,
            cache_write_1h_tokens bigint NOT NULL,
            reasoning_tokens      bigint NOT NULL,
            PRIMARY KEY (project_id, hour, provider, model, operation, service, environment, key_label, status, service_tier, tags_json)
        ) WITH (fillfactor = 90);

        CREATE TABLE rollups_dim_hourly (
            project_id            text COLLATE "C" NOT NULL,
            dimension             text COLLATE "C" NOT NULL,
            hour                  bigint NOT NULL,
            value                 text COLLATE "C" NOT NULL,
            cost_nano             bigint NOT NULL,
            events                bigint NOT NULL,
            unpriced_events       bigint NOT NULL,
            input_tokens          bigint NOT NULL,
            output_tokens         bigint NOT NULL,
            cache_read_tokens     bigint NOT NULL,
            cache_write_tokens    bigint NOT NULL,
            cache_write_1h_tokens bigint NOT NULL,
            reasoning_tokens      bigint NOT NULL,
            PRIMARY KEY (project_id, dimension, hour, value)
        ) WITH (fillfactor = 90);

        CREATE TABLE rollups_dim_daily (
            project_id            text COLLATE "C" NOT NULL,
            dimension             text COLLATE "C" NOT NULL,
            day                   bigint NOT NULL,
            value                 text COLLATE "C" NOT NULL,
            cost_nano             bigint NOT NULL,
            events                bigint NOT NULL,
            unpriced_events       bigint NOT NULL,
            input_tokens          bigint NOT NULL,
            output_tokens         bigint NOT NULL,
            cache_read_tokens     bigint NOT NULL,
            cache_write_tokens    bigint NOT NULL,
            cache_write_1h_tokens bigint NOT NULL,
            reasoning_tokens      bigint NOT NULL,
            PRIMARY KEY (project_id, dimension, day, value)
        ) WITH (fillfactor = 90);

        CREATE TABLE price_usage_hourly (
            project_id            text COLLATE "C" NOT NULL,
            hour                  bigint NOT NULL,
            provider              text COLLATE "C" NOT NULL,
            model                 text COLLATE "C" NOT NULL,
            price_id              text COLLATE "C" NOT NULL,
            cost_nano             bigint NOT NULL,
            events                bigint NOT NULL,
            unpriced_events       bigint NOT NULL,
            input_tokens          bigint NOT NULL,
            output_tokens         bigint NOT NULL,
            cache_read_tokens     bigint NOT NULL,
            cache_write_tokens    bigint NOT NULL,
            cache_write_1h_tokens bigint NOT NULL,
            reasoning_tokens      bigint NOT NULL,
            PRIMARY KEY (project_id, hour, provider, model, price_id)
        ) WITH (fillfactor = 90);

        CREATE TABLE security_findings (
            id          uuid NOT NULL PRIMARY KEY,
            project_id  text COLLATE "C" NOT NULL REFERENCES projects(id),
            kind        text NOT NULL,
            detail      text NOT NULL,
            service     text,
            environment text,
            key_id      text,
            at_ms       bigint NOT NULL
        );
        CREATE INDEX security_findings_by_project ON security_findings (project_id, at_ms);

        CREATE TABLE client_drops (
            project_id         text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES projects(id),
            queue_full         bigint NOT NULL,
            rejected_by_server bigint NOT NULL,
            send_failed        bigint NOT NULL
        );

        CREATE TABLE dashboard_sessions (
            session_id  text COLLATE "C" NOT NULL PRIMARY KEY,
            secret_hash bytea NOT NULL CHECK (length(secret_hash) = 32),
            project_id  text COLLATE "C" NOT NULL REFERENCES projects(id),
            key_id      text COLLATE "C" NOT NULL,
            kind        text NOT NULL CHECK (kind IN ('read', 'admin')),
            created_ms  bigint NOT NULL,
            expires_ms  bigint NOT NULL
        );
        CREATE INDEX dashboard_sessions_by_expiry ON dashboard_sessions (expires_ms);

        CREATE TABLE budgets (
            id            text COLLATE "C" NOT NULL PRIMARY KEY,
            project_id    text COLLATE "C" NOT NULL,
            name          text NOT NULL,
            scope_json    text NOT NULL,
            amount_nano   bigint NOT NULL CHECK (amount_nano > 0),
            period        text NOT NULL,
            time_zone     text NOT NULL,
            rolling_hours integer,
            thresholds    text NOT NULL,
            created_ms    bigint NOT NULL
        );
        CREATE INDEX budgets_by_project ON budgets (project_id, created_ms, id);

        CREATE TABLE budget_alerts (
            seq             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            project_id      text COLLATE "C" NOT NULL,
            budget_id       text COLLATE "C" NOT NULL,
            budget_name     text NOT NULL,
            period_start_ms bigint NOT NULL,
            kind            text NOT NULL CHECK (kind IN ('threshold', 'forecast')),
            threshold       integer NOT NULL,
            fired_ms        bigint NOT NULL,
            spent_nano      bigint NOT NULL,
            amount_nano     bigint NOT NULL,
            percent         text NOT NULL,
            UNIQUE (budget_id, period_start_ms, kind, threshold)
        );
        CREATE INDEX budget_alerts_by_project ON budget_alerts (project_id, fired_ms, seq);
        """;
}
