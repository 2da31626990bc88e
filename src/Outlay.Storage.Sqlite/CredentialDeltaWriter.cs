using Microsoft.Data.Sqlite;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Writes a <see cref="CredentialBatch"/> into <c>credential_places</c> and <c>credential_usage_hourly</c> inside the
/// append's (or re-pricing's) transaction, with statements prepared once and reused like the other rollup upserts (<see cref="PreparedStatement"/>).
/// Not thread-safe: used only under the store's write lock.
/// </summary>
internal sealed class CredentialDeltaWriter : IDisposable
{
    // Places keep the earliest first and the latest last seen, whatever order batches arrive in.
    private const string UpsertPlaceSql = """
        INSERT INTO credential_places (project_id, key_label, service, environment, instance, model, first_seen_ms,
            last_seen_ms, events)
        VALUES ($project, $label, $service, $environment, $instance, $model, $first, $last, $events)
        ON CONFLICT (project_id, key_label, service, environment, instance, model) DO UPDATE SET
            first_seen_ms = MIN(first_seen_ms, excluded.first_seen_ms),
            last_seen_ms = MAX(last_seen_ms, excluded.last_seen_ms),
            events = events + excluded.events
        WHERE typeof(events + excluded.events) = 'integer';
        """;

    // As in EventAppender: an addition that would leave the exact INTEGER range is skipped, and the append then throws.
    private const string UpsertUsageSql = """
        INSERT INTO credential_usage_hourly (project_id, hour, key_label, service, environment, instance, model, feature,
            events, input_tokens, output_tokens, cost_nano, unpriced_events)
        VALUES ($project, $hour, $label, $service, $environment, $instance, $model, $feature,
            $events, $input, $output, $cost, $unpriced)
        ON CONFLICT (project_id, hour, key_label, service, environment, instance, model, feature) DO UPDATE SET
            events = events + excluded.events,
            input_tokens = input_tokens + excluded.input_tokens,
            output_tokens = output_tokens + excluded.output_tokens,
            cost_nano = cost_nano + excluded.cost_nano,
            unpriced_events = unpriced_events + excluded.unpriced_events
        WHERE typeof(events + excluded.events) = 'integer'
            AND typeof(input_tokens + excluded.input_tokens) = 'integer'
            AND typeof(output_tokens + excluded.output_tokens) = 'integer'
            AND typeof(cost_nano + excluded.cost_nano) = 'integer'
            AND typeof(unpriced_events + excluded.unpriced_events) = 'integer';
        """;

    // No index serves this (events are keyed by id): it runs only for places a richer copy moved an event out of.
    private const string RecountSql = """
        SELECT MIN(ts_ms), MAX(ts_ms), COUNT(*) FROM events
        WHERE project_id = $project AND key_label = $label AND COALESCE(service, '') = $service
            AND COALESCE(environment, '') = $environment AND COALESCE(instance, '') = $instance AND model = $model;
        """;

    private const string PlaceKeyWhere = """
        WHERE project_id = $project AND key_label = $label AND service = $service AND environment = $environment
            AND instance = $instance AND model = $model;
        """;

    private const string SetPlaceSql = "UPDATE credential_places SET first_seen_ms = $first, last_seen_ms = $last, events = $events " + PlaceKeyWhere;

    private const string DeletePlaceSql = "DELETE FROM credential_places " + PlaceKeyWhere;

    /// <summary>Deletes usage rows a removal emptied; appended to the appender's own clean-up.</summary>
    public const string DeleteEmptyRowsSql = """
        DELETE FROM credential_usage_hourly WHERE project_id = $project AND events = 0;
        DELETE FROM credential_places WHERE project_id = $project AND events <= 0;
        """;

    private static readonly string[] PlaceParameters =
        ["$project", "$label", "$service", "$environment", "$instance", "$model", "$first", "$last", "$events"];

    private static readonly string[] UsageParameters =
        ["$project", "$hour", "$label", "$service", "$environment", "$instance", "$model", "$feature", "$events", "$input",
        "$output", "$cost", "$unpriced"];

    private readonly PreparedStatement _upsertPlace;
    private readonly PreparedStatement _upsertUsage;

    public CredentialDeltaWriter(SqliteConnection connection)
    {
        _upsertPlace = new PreparedStatement(connection, UpsertPlaceSql, PlaceParameters);
        _upsertUsage = new PreparedStatement(connection, UpsertUsageSql, UsageParameters);
    }

    /// <summary>Adds the deltas inside <paramref name="transaction"/>, then recounts the places events were removed from.</summary>
    /// <exception cref="OverflowException">A sum would exceed 2^63-1.</exception>
    public void Write(SqliteTransaction transaction, string projectId, CredentialBatch batch)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        foreach (var (place, delta) in batch.Places)
        {
            var s = _upsertPlace;
            s.Bind(0, projectId);
            BindPlace(s, 1, place);
            s.Bind(6, delta.FirstSeenMs);
            s.Bind(7, delta.LastSeenMs);
            s.Bind(8, delta.Events);
            Upserted(s.Run());
        }

        foreach (var (key, sums) in batch.Usage)
        {
            var s = _upsertUsage;
            s.Bind(0, projectId);
            s.Bind(1, key.Hour);
            BindPlace(s, 2, key.Place);
            s.Bind(7, key.Feature);
            s.Bind(8, sums.Events);
            s.Bind(9, sums.InputTokens);
            s.Bind(10, sums.OutputTokens);
            s.Bind(11, sums.CostNano);
            s.Bind(12, sums.UnpricedEvents);
            Upserted(s.Run());
        }

        foreach (var place in batch.Recount)
        {
            Recount(transaction, projectId, place);
        }
    }

    public void Dispose()
    {
        _upsertPlace.Dispose();
        _upsertUsage.Dispose();
    }

    private static void Recount(SqliteTransaction transaction, string projectId, CredentialPlaceKey place)
    {
        var connection = transaction.Connection!;
        long first = 0, last = 0, events;
        using (var count = connection.CreateCommand())
        {
            count.Transaction = transaction;
            count.CommandText = RecountSql;
            AddPlaceParameters(count, projectId, place);
            using var reader = count.ExecuteReader();
            reader.Read();
            events = reader.GetInt64(2);
            if (events > 0)
            {
                first = reader.GetInt64(0);
                last = reader.GetInt64(1);
            }
        }

        using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = events > 0 ? SetPlaceSql : DeletePlaceSql;
        AddPlaceParameters(write, projectId, place);
        if (events > 0)
        {
            write.Parameters.AddWithValue("$first", first);
            write.Parameters.AddWithValue("$last", last);
            write.Parameters.AddWithValue("$events", events);
        }

        write.ExecuteNonQuery();
    }

    private static void AddPlaceParameters(SqliteCommand command, string projectId, CredentialPlaceKey place)
    {
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$label", place.KeyLabel);
        command.Parameters.AddWithValue("$service", place.Service);
        command.Parameters.AddWithValue("$environment", place.Environment);
        command.Parameters.AddWithValue("$instance", place.Instance);
        command.Parameters.AddWithValue("$model", place.Model);
    }

    private static void BindPlace(PreparedStatement s, int first, CredentialPlaceKey place)
    {
        s.Bind(first, place.KeyLabel);
        s.Bind(first + 1, place.Service);
        s.Bind(first + 2, place.Environment);
        s.Bind(first + 3, place.Instance);
        s.Bind(first + 4, place.Model);
    }

    private static void Upserted(int changes)
    {
        if (changes != 1)
        {
            throw new OverflowException(
                "A credential usage sum would exceed 2^63-1 (about $9.2 billion in nano-dollars, or that many tokens); the batch was not stored.");
        }
    }
}
