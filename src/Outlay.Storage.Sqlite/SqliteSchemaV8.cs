namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 8: <c>findings</c> (de-duplicated by project and fingerprint, with their review) replaces
/// <c>security_findings</c>, whose rows are kept as critical findings; <c>finding_snoozes</c> (one per project, kind and
/// subject); and <c>alert_deliveries</c> rebuilt so a delivery can carry a finding (notice 'finding', <c>finding_id</c>).
/// </summary>
internal static class SqliteSchemaV8
{
    // Index plan.
    // - findings: the unique (project_id, fingerprint) is the de-duplication of every record; listing is
    //   (project_id, last_seen_ms) newest first.
    // - finding_snoozes: read by its primary key when a finding is created or shown.
    // - alert_deliveries: SQLite cannot change a CHECK in place, so the table is renamed, recreated, copied with its
    //   ids and its AUTOINCREMENT high-water mark (an id is never reused), dropped, and its indexes made again.
    public const string Script = """
        CREATE TABLE findings (
            id              TEXT NOT NULL PRIMARY KEY,
            project_id      TEXT NOT NULL,
            kind            TEXT NOT NULL,
            severity        TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
            fingerprint     TEXT NOT NULL,
            subject         TEXT NOT NULL,
            summary         TEXT NOT NULL,
            detail          TEXT NOT NULL,
            key_label       TEXT,
            service         TEXT,
            environment     TEXT,
            instance        TEXT,
            model           TEXT,
            feature         TEXT,
            customer        TEXT,
            provider        TEXT,
            expected        TEXT,
            observed        TEXT,
            key_id          TEXT,
            first_seen_ms   INTEGER NOT NULL,
            last_seen_ms    INTEGER NOT NULL,
            occurrences     INTEGER NOT NULL CHECK (occurrences >= 1),
            status          TEXT NOT NULL CHECK (status IN ('open', 'acknowledged')),
            acknowledged_ms INTEGER,
            acknowledged_by TEXT,
            notified        INTEGER NOT NULL DEFAULT 0,
            UNIQUE (project_id, fingerprint)
        );

        CREATE INDEX findings_by_last_seen ON findings (project_id, last_seen_ms);

        INSERT INTO findings (id, project_id, kind, severity, fingerprint, subject, summary, detail, service, environment,
                              key_id, first_seen_ms, last_seen_ms, occurrences, status, notified)
        SELECT id, project_id, kind, 'critical', id, id, substr(detail, 1, 300), detail, service, environment,
               key_id, at_ms, at_ms, 1, 'open', 0
        FROM security_findings;

        DROP TABLE security_findings;

        CREATE TABLE finding_snoozes (
            project_id TEXT NOT NULL,
            kind       TEXT NOT NULL,
            subject    TEXT NOT NULL,
            until_ms   INTEGER NOT NULL,
            PRIMARY KEY (project_id, kind, subject)
        );

        ALTER TABLE alert_deliveries RENAME TO alert_deliveries_v7;

        CREATE TABLE alert_deliveries (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            project_id       TEXT NOT NULL,
            channel_id       TEXT NOT NULL,
            notice           TEXT NOT NULL CHECK (notice IN ('alert', 'test', 'finding')),
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
            delivered_ms     INTEGER,
            finding_id       TEXT
        );

        INSERT INTO alert_deliveries (id, project_id, channel_id, notice, budget_id, period_start_ms, alert_kind, threshold,
                                      state, attempts, next_attempt_ms, lease_token, lease_until_ms, created_ms,
                                      last_attempt_ms, last_detail, delivered_ms)
        SELECT id, project_id, channel_id, notice, budget_id, period_start_ms, alert_kind, threshold,
               state, attempts, next_attempt_ms, lease_token, lease_until_ms, created_ms,
               last_attempt_ms, last_detail, delivered_ms
        FROM alert_deliveries_v7;

        DELETE FROM sqlite_sequence WHERE name = 'alert_deliveries';
        INSERT INTO sqlite_sequence (name, seq) SELECT 'alert_deliveries', seq FROM sqlite_sequence WHERE name = 'alert_deliveries_v7';

        DROP TABLE alert_deliveries_v7;

        CREATE INDEX alert_deliveries_due ON alert_deliveries (state, next_attempt_ms);
        CREATE INDEX alert_deliveries_by_project ON alert_deliveries (project_id, id);
        """;
}
