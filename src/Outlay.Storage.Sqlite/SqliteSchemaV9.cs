namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 9: credential activity. <c>credential_places</c> holds every (key label, service, environment,
/// instance, model) a credential was used from, with exact first and last event times; <c>credential_usage_hourly</c>
/// the hourly use per place and <c>feature</c> tag; both are backfilled from <c>events</c> here and then maintained by
/// every append (and re-pricing) in the same transaction as the events. <c>credential_retirements</c> holds the labels
/// marked retired. Events without a key label are not tracked; unset columns are ''.
/// </summary>
internal static class SqliteSchemaV9
{
    // Index plan.
    // - credential_places: read as "one project (optionally one label)", so the key starts (project_id, key_label);
    //   it is also the append's UPSERT target. WITHOUT ROWID keeps the row in the key b-tree.
    // - credential_usage_hourly: read as "one project, an hour range", so the key starts (project_id, hour) like the
    //   other hourly rollups; a label filter is applied within that range.
    // - credential_retirements: one row per (project, label).
    // The backfill floors ts_ms to the hour the same way the appender does, negative times included; the feature is
    // the "feature" tag of the canonical tags JSON.
    public const string Script = """
        CREATE TABLE credential_places (
            project_id    TEXT NOT NULL,
            key_label     TEXT NOT NULL,
            service       TEXT NOT NULL,
            environment   TEXT NOT NULL,
            instance      TEXT NOT NULL,
            model         TEXT NOT NULL,
            first_seen_ms INTEGER NOT NULL,
            last_seen_ms  INTEGER NOT NULL,
            events        INTEGER NOT NULL,
            PRIMARY KEY (project_id, key_label, service, environment, instance, model)
        ) WITHOUT ROWID;

        CREATE TABLE credential_usage_hourly (
            project_id      TEXT NOT NULL,
            hour            INTEGER NOT NULL,
            key_label       TEXT NOT NULL,
            service         TEXT NOT NULL,
            environment     TEXT NOT NULL,
            instance        TEXT NOT NULL,
            model           TEXT NOT NULL,
            feature         TEXT NOT NULL,
            events          INTEGER NOT NULL,
            input_tokens    INTEGER NOT NULL,
            output_tokens   INTEGER NOT NULL,
            cost_nano       INTEGER NOT NULL,
            unpriced_events INTEGER NOT NULL,
            PRIMARY KEY (project_id, hour, key_label, service, environment, instance, model, feature)
        ) WITHOUT ROWID;

        CREATE TABLE credential_retirements (
            project_id  TEXT NOT NULL,
            key_label   TEXT NOT NULL,
            retired_ms  INTEGER NOT NULL,
            replaced_by TEXT,
            note        TEXT,
            created_ms  INTEGER NOT NULL,
            created_by  TEXT,
            PRIMARY KEY (project_id, key_label)
        );

        INSERT INTO credential_places (project_id, key_label, service, environment, instance, model, first_seen_ms,
            last_seen_ms, events)
        SELECT project_id, key_label, COALESCE(service, ''), COALESCE(environment, ''), COALESCE(instance, ''), model,
            MIN(ts_ms), MAX(ts_ms), COUNT(*)
        FROM events
        WHERE key_label IS NOT NULL AND key_label <> ''
        GROUP BY project_id, key_label, COALESCE(service, ''), COALESCE(environment, ''), COALESCE(instance, ''), model;

        INSERT INTO credential_usage_hourly (project_id, hour, key_label, service, environment, instance, model, feature,
            events, input_tokens, output_tokens, cost_nano, unpriced_events)
        SELECT project_id,
            (ts_ms - (((ts_ms % 3600000) + 3600000) % 3600000)) / 1000 AS h,
            key_label,
            COALESCE(service, '') AS s,
            COALESCE(environment, '') AS e,
            COALESCE(instance, '') AS i,
            model,
            COALESCE(json_extract(tags_json, '$.feature'), '') AS f,
            COUNT(*),
            SUM(input_tokens),
            SUM(output_tokens),
            COALESCE(SUM(cost_nano), 0),
            SUM(cost_nano IS NULL)
        FROM events
        WHERE key_label IS NOT NULL AND key_label <> ''
        GROUP BY project_id, h, key_label, s, e, i, model, f;
        """;
}
