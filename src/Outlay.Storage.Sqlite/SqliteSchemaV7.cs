namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 7: <c>alert_channels</c> (settings sealed by the server, plus each channel's delivery health) and
/// <c>alert_deliveries</c> (one row per notice per channel, leased by <c>lease_token</c>/<c>lease_until_ms</c> so two
/// processes never send the same one at once).
/// </summary>
internal static class SqliteSchemaV7
{
    // sealed_settings: AES-GCM output; the plaintext URL, secret and recipients never reach this file.
    // Deliveries name their alert by its unique key (budget_alerts has no stable id); notice 'test' has none.
    public const string Script = """
        CREATE TABLE alert_channels (
            id               TEXT NOT NULL PRIMARY KEY,
            project_id       TEXT NOT NULL,
            name             TEXT NOT NULL,
            kind             TEXT NOT NULL CHECK (kind IN ('webhook', 'slack', 'email')),
            display_target   TEXT NOT NULL,
            sealed_settings  BLOB NOT NULL,
            created_ms       INTEGER NOT NULL,
            last_attempt_ms  INTEGER,
            last_delivered   INTEGER,
            last_detail      TEXT,
            failing_since_ms INTEGER
        );

        CREATE INDEX alert_channels_by_project ON alert_channels (project_id, created_ms);

        CREATE TABLE alert_deliveries (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id       TEXT NOT NULL,
            channel_id       TEXT NOT NULL,
            notice           TEXT NOT NULL CHECK (notice IN ('alert', 'test')),
            budget_id        TEXT,
            period_start_ms  INTEGER,
            alert_kind       TEXT,
            threshold        INTEGER,
            state            TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
            attempts         INTEGER NOT NULL DEFAULT 0,
            next_attempt_ms  INTEGER NOT NULL,
            lease_token      TEXT,
            lease_until_ms   INTEGER,
            created_ms       INTEGER NOT NULL,
            last_attempt_ms  INTEGER,
            last_detail      TEXT,
            delivered_ms     INTEGER
        );

        CREATE INDEX alert_deliveries_due ON alert_deliveries (state, next_attempt_ms);
        CREATE INDEX alert_deliveries_by_project ON alert_deliveries (project_id, id);
        """;
}
