namespace Outlay.Storage.Postgres;

/// <summary>
/// Schema version 4: credential activity, as the SQLite store's version 9. <c>credential_places</c> (key label ×
/// service × environment × instance × model, exact first/last seen in Unix milliseconds) and
/// <c>credential_usage_hourly</c> (per hour, in Unix seconds, place and <c>feature</c> tag), both backfilled from
/// <c>events</c> here and then maintained by every append and re-pricing in the same transaction; and
/// <c>credential_retirements</c>. Events without a key label are not tracked; unset columns are ''.
/// </summary>
internal static class PostgresSchemaV4
{
    // Index plan: credential_places is read per project (optionally one label) and upserted on its key, which starts
    // (project_id, key_label); credential_usage_hourly is read as one project's hour range, so its key starts
    // (project_id, hour) like the other hourly rollups. fillfactor 90 leaves room for the appends' HOT updates.
    // Event times are whole milliseconds, so the epoch arithmetic below is exact (extract returns numeric).
    public const string Script = """
        CREATE TABLE credential_places (
            project_id    text COLLATE "C" NOT NULL,
            key_label     text COLLATE "C" NOT NULL,
            service       text COLLATE "C" NOT NULL,
            environment   text COLLATE "C" NOT NULL,
            instance      text COLLATE "C" NOT NULL,
            model         text COLLATE "C" NOT NULL,
            first_seen_ms bigint NOT NULL,
            last_seen_ms  bigint NOT NULL,
            events        bigint NOT NULL,
            PRIMARY KEY (project_id, key_label, service, environment, instance, model)
        ) WITH (fillfactor = 90);

        CREATE TABLE credential_usage_hourly (
            project_id      text COLLATE "C" NOT NULL,
            hour            bigint NOT NULL,
            key_label       text COLLATE "C" NOT NULL,
            service         text COLLATE "C" NOT NULL,
            environment     text COLLATE "C" NOT NULL,
            instance        text COLLATE "C" NOT NULL,
            model           text COLLATE "C" NOT NULL,
            feature         text COLLATE "C" NOT NULL,
            events          bigint NOT NULL,
            input_tokens    bigint NOT NULL,
            output_tokens   bigint NOT NULL,
            cost_nano       bigint NOT NULL,
            unpriced_events bigint NOT NULL,
            PRIMARY KEY (project_id, hour, key_label, service, environment, instance, model, feature)
        ) WITH (fillfactor = 90);

        CREATE TABLE credential_retirements (
            project_id  text COLLATE "C" NOT NULL,
            key_label   text COLLATE "C" NOT NULL,
            retired_ms  bigint NOT NULL,
            replaced_by text,
            note        text,
            created_ms  bigint NOT NULL,
            created_by  text,
            PRIMARY KEY (project_id, key_label)
        );

        INSERT INTO credential_places (project_id, key_label, service, environment, instance, model, first_seen_ms,
            last_seen_ms, events)
        SELECT project_id, key_label, COALESCE(service, ''), COALESCE(environment, ''), COALESCE(instance, ''), model,
            MIN(floor(extract(epoch FROM occurred_at) * 1000))::bigint, MAX(floor(extract(epoch FROM occurred_at) * 1000))::bigint,
            COUNT(*)
        FROM events
        WHERE key_label IS NOT NULL AND key_label <> ''
        GROUP BY 1, 2, 3, 4, 5, 6;

        INSERT INTO credential_usage_hourly (project_id, hour, key_label, service, environment, instance, model, feature,
            events, input_tokens, output_tokens, cost_nano, unpriced_events)
        SELECT project_id, floor(extract(epoch FROM occurred_at) / 3600)::bigint * 3600, key_label, COALESCE(service, ''),
            COALESCE(environment, ''), COALESCE(instance, ''), model, COALESCE(tags_json::jsonb ->> 'feature', ''),
            COUNT(*), SUM(input_tokens)::bigint, SUM(output_tokens)::bigint, COALESCE(SUM(cost_nano), 0)::bigint,
            COUNT(*) FILTER (WHERE cost_nano IS NULL)
        FROM events
        WHERE key_label IS NOT NULL AND key_label <> ''
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
        """;
}
