namespace Outlay.Storage.Postgres;

/// <summary>
/// Schema version 2: <c>alert_channels</c> (settings sealed by the server, plus each channel's delivery health) and
/// <c>alert_deliveries</c> (one row per notice per channel, leased by <c>lease_token</c>/<c>lease_until_ms</c>), as the
/// SQLite store's version 7.
/// </summary>
internal static class PostgresSchemaV2
{
    // sealed_settings: AES-GCM output; the plaintext URL, secret and recipients never reach the database.
    // Claims select due rows through alert_deliveries_due with FOR UPDATE SKIP LOCKED, so processes never lease one row twice.
    public const string Script = """
        CREATE TABLE alert_channels (
            id               text COLLATE "C" NOT NULL PRIMARY KEY,
            project_id       text COLLATE "C" NOT NULL,
            name             text NOT NULL,
            kind             text NOT NULL CHECK (kind IN ('webhook', 'slack', 'email')),
            display_target   text NOT NULL,
            sealed_settings  bytea NOT NULL,
            created_ms       bigint NOT NULL,
            last_attempt_ms  bigint,
            last_delivered   boolean,
            last_detail      text,
            failing_since_ms bigint
        );
        CREATE INDEX alert_channels_by_project ON alert_channels (project_id, created_ms, id);

        CREATE TABLE alert_deliveries (
            id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            project_id       text COLLATE "C" NOT NULL,
            channel_id       text COLLATE "C" NOT NULL,
            notice           text NOT NULL CHECK (notice IN ('alert', 'test')),
            budget_id        text COLLATE "C",
            period_start_ms  bigint,
            alert_kind       text,
            threshold        integer,
            state            text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
            attempts         integer NOT NULL DEFAULT 0,
            next_attempt_ms  bigint NOT NULL,
            lease_token      text,
            lease_until_ms   bigint,
            created_ms       bigint NOT NULL,
            last_attempt_ms  bigint,
            last_detail      text,
            delivered_ms     bigint
        );
        CREATE INDEX alert_deliveries_due ON alert_deliveries (next_attempt_ms, id) WHERE state = 'pending';
        CREATE INDEX alert_deliveries_by_project ON alert_deliveries (project_id, id);
        """;
}
