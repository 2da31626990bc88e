namespace Outlay.Storage.Postgres;

/// <summary>
/// Schema version 3: <c>findings</c> (de-duplicated by project and fingerprint, with their review) replaces
/// <c>security_findings</c>, whose rows are kept as critical findings; <c>finding_snoozes</c> (one per project, kind and
/// subject); and <c>alert_deliveries</c> can carry a finding (notice 'finding', <c>finding_id</c>).
/// </summary>
internal static class PostgresSchemaV3
{
    // Index plan.
    // - findings: the unique (project_id, fingerprint) is the de-duplication of every record (ON CONFLICT on it makes one
    //   insert win across processes); listing is (project_id, last_seen_ms) newest first.
    // - finding_snoozes: read by its primary key when a finding is created or shown.
    public const string Script = """
        CREATE TABLE findings (
            id              uuid NOT NULL PRIMARY KEY,
            project_id      text COLLATE "C" NOT NULL,
            kind            text COLLATE "C" NOT NULL,
            severity        text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
            fingerprint     text COLLATE "C" NOT NULL,
            subject         text COLLATE "C" NOT NULL,
            summary         text NOT NULL,
            detail          text NOT NULL,
            key_label       text COLLATE "C",
            service         text,
            environment     text,
            instance        text,
            model           text,
            feature         text,
            customer        text,
            provider        text,
            expected        text,
            observed        text,
            key_id          text,
            first_seen_ms   bigint NOT NULL,
            last_seen_ms    bigint NOT NULL,
            occurrences     integer NOT NULL CHECK (occurrences >= 1),
            status          text NOT NULL CHECK (status IN ('open', 'acknowledged')),
            acknowledged_ms bigint,
            acknowledged_by text,
            notified        boolean NOT NULL DEFAULT false,
            UNIQUE (project_id, fingerprint)
        );
        CREATE INDEX findings_by_last_seen ON findings (project_id, last_seen_ms);

        INSERT INTO findings (id, project_id, kind, severity, fingerprint, subject, summary, detail, service, environment,
                              key_id, first_seen_ms, last_seen_ms, occurrences, status, notified)
        SELECT id, project_id, kind, 'critical', id::text, id::text, left(detail, 300), detail, service, environment,
               key_id, at_ms, at_ms, 1, 'open', false
        FROM security_findings;

        DROP TABLE security_findings;

        CREATE TABLE finding_snoozes (
            project_id text COLLATE "C" NOT NULL,
            kind       text COLLATE "C" NOT NULL,
            subject    text COLLATE "C" NOT NULL,
            until_ms   bigint NOT NULL,
            PRIMARY KEY (project_id, kind, subject)
        );

        ALTER TABLE alert_deliveries ADD COLUMN finding_id uuid;
        ALTER TABLE alert_deliveries DROP CONSTRAINT alert_deliveries_notice_check;
        ALTER TABLE alert_deliveries ADD CONSTRAINT alert_deliveries_notice_check CHECK (notice IN ('alert', 'test', 'finding'));
        """;
}
