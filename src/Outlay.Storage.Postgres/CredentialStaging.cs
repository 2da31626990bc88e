using Npgsql;
using NpgsqlTypes;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>
/// Writes a <see cref="CredentialBatch"/> the way <see cref="RollupStaging"/> writes the rollups: binary COPY into
/// session-local staging tables, then upserts in key order (places keep the least first and greatest last seen), run
/// in the same statement batch as the rollup upserts. Places an event was removed from are then recounted from
/// <c>events</c>.
/// </summary>
internal static class CredentialStaging
{
    public const string CreateSql = """
        CREATE TEMP TABLE IF NOT EXISTS outlay_credential_place_stage (
            key_label text NOT NULL, service text NOT NULL, environment text NOT NULL, instance text NOT NULL,
            model text NOT NULL, first_seen_ms bigint NOT NULL, last_seen_ms bigint NOT NULL, events bigint NOT NULL
        ) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS outlay_credential_usage_stage (
            hour bigint NOT NULL, key_label text NOT NULL, service text NOT NULL, environment text NOT NULL,
            instance text NOT NULL, model text NOT NULL, feature text NOT NULL, events bigint NOT NULL,
            input_tokens bigint NOT NULL, output_tokens bigint NOT NULL, cost_nano bigint NOT NULL, unpriced_events bigint NOT NULL
        ) ON COMMIT DELETE ROWS;
        """;

    private const string PlaceKey = "key_label, service, environment, instance, model";

    private const string UsageKey = "hour, key_label, service, environment, instance, model, feature";

    private const string UsageSums = "events, input_tokens, output_tokens, cost_nano, unpriced_events";

    /// <summary>Upserts and then empties the staging tables; appended to <see cref="RollupStaging"/>'s upsert batch.</summary>
    public const string UpsertSql =
        "INSERT INTO credential_places AS r (project_id, " + PlaceKey + ", first_seen_ms, last_seen_ms, events) SELECT @project, " + PlaceKey +
        ", first_seen_ms, last_seen_ms, events FROM outlay_credential_place_stage ORDER BY " + PlaceKey +
        " ON CONFLICT (project_id, " + PlaceKey + ") DO UPDATE SET first_seen_ms = LEAST(r.first_seen_ms, excluded.first_seen_ms)," +
        " last_seen_ms = GREATEST(r.last_seen_ms, excluded.last_seen_ms), events = r.events + excluded.events;" +
        "INSERT INTO credential_usage_hourly AS r (project_id, " + UsageKey + ", " + UsageSums + ") SELECT @project, " + UsageKey + ", " + UsageSums +
        " FROM outlay_credential_usage_stage ORDER BY " + UsageKey + " ON CONFLICT (project_id, " + UsageKey + ") DO UPDATE SET" +
        " events = r.events + excluded.events, input_tokens = r.input_tokens + excluded.input_tokens," +
        " output_tokens = r.output_tokens + excluded.output_tokens, cost_nano = r.cost_nano + excluded.cost_nano," +
        " unpriced_events = r.unpriced_events + excluded.unpriced_events;" +
        "DELETE FROM outlay_credential_place_stage; DELETE FROM outlay_credential_usage_stage;";

    /// <summary>Deletes rows a removal emptied; appended to <see cref="RollupStaging.DeleteEmptyRowsSql"/>.</summary>
    public const string DeleteEmptyRowsSql = """
        DELETE FROM credential_usage_hourly WHERE project_id = @project AND events = 0;
        DELETE FROM credential_places WHERE project_id = @project AND events <= 0;
        """;

    // No index serves the count (events are keyed by id): it runs only for places a richer copy moved an event out of.
    // A place left with no events is deleted; otherwise its bounds and count are set from what is stored.
    private const string RecountSql = """
        WITH counted AS (
            SELECT MIN(floor(extract(epoch FROM occurred_at) * 1000))::bigint AS first_ms,
                MAX(floor(extract(epoch FROM occurred_at) * 1000))::bigint AS last_ms, COUNT(*) AS n
            FROM events
            WHERE project_id = @project AND key_label = @label AND COALESCE(service, '') = @service
                AND COALESCE(environment, '') = @environment AND COALESCE(instance, '') = @instance AND model = @model
        ), removed AS (
            DELETE FROM credential_places p USING counted c
            WHERE c.n = 0 AND p.project_id = @project AND p.key_label = @label AND p.service = @service
                AND p.environment = @environment AND p.instance = @instance AND p.model = @model
        )
        UPDATE credential_places p SET first_seen_ms = c.first_ms, last_seen_ms = c.last_ms, events = c.n
        FROM counted c
        WHERE c.n > 0 AND p.project_id = @project AND p.key_label = @label AND p.service = @service
            AND p.environment = @environment AND p.instance = @instance AND p.model = @model;
        """;

    /// <summary>COPYs the batch into the staging tables (nothing when it is empty).</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, CredentialBatch batch, CancellationToken cancellationToken)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        var places = await connection.BeginBinaryImportAsync("COPY outlay_credential_place_stage (" + PlaceKey + ", first_seen_ms, last_seen_ms, events) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (places.ConfigureAwait(false))
        {
            foreach (var (place, delta) in batch.Places)
            {
                places.StartRow();
                WritePlace(places, place);
                places.Write(delta.FirstSeenMs, NpgsqlDbType.Bigint);
                places.Write(delta.LastSeenMs, NpgsqlDbType.Bigint);
                places.Write(delta.Events, NpgsqlDbType.Bigint);
            }

            await places.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        var usage = await connection.BeginBinaryImportAsync("COPY outlay_credential_usage_stage (" + UsageKey + ", " + UsageSums + ") FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (usage.ConfigureAwait(false))
        {
            foreach (var (key, sums) in batch.Usage)
            {
                usage.StartRow();
                usage.Write(key.Hour, NpgsqlDbType.Bigint);
                WritePlace(usage, key.Place);
                usage.Write(key.Feature, NpgsqlDbType.Text);
                usage.Write(sums.Events, NpgsqlDbType.Bigint);
                usage.Write(sums.InputTokens, NpgsqlDbType.Bigint);
                usage.Write(sums.OutputTokens, NpgsqlDbType.Bigint);
                usage.Write(sums.CostNano, NpgsqlDbType.Bigint);
                usage.Write(sums.UnpricedEvents, NpgsqlDbType.Bigint);
            }

            await usage.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Recounts, from the stored events, each place an event was removed from; run after the upsert.</summary>
    public static async Task RecountAsync(NpgsqlConnection connection, string projectId, CredentialBatch batch, CancellationToken cancellationToken)
    {
        foreach (var place in batch.Recount)
        {
            await using var command = new NpgsqlCommand(RecountSql, connection);
            command.Parameters.AddWithValue("project", projectId);
            command.Parameters.AddWithValue("label", place.KeyLabel);
            command.Parameters.AddWithValue("service", place.Service);
            command.Parameters.AddWithValue("environment", place.Environment);
            command.Parameters.AddWithValue("instance", place.Instance);
            command.Parameters.AddWithValue("model", place.Model);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void WritePlace(NpgsqlBinaryImporter writer, CredentialPlaceKey place)
    {
        writer.Write(place.KeyLabel, NpgsqlDbType.Text);
        writer.Write(place.Service, NpgsqlDbType.Text);
        writer.Write(place.Environment, NpgsqlDbType.Text);
        writer.Write(place.Instance, NpgsqlDbType.Text);
        writer.Write(place.Model, NpgsqlDbType.Text);
    }
}
