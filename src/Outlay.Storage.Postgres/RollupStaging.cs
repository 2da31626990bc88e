using Npgsql;
using NpgsqlTypes;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>
/// Writes one batch's rollup deltas: binary COPY into session-local staging tables, then one INSERT … ON CONFLICT DO
/// UPDATE per rollup table that adds the deltas. Rows are upserted in key order, so two appends touching the same rows
/// lock them in the same order (and a rare deadlock is retried by the appender). An addition past 2^63-1 raises
/// "bigint out of range", which rolls the batch back.
/// </summary>
internal static class RollupStaging
{
    public const string CreateSql = """
        CREATE TEMP TABLE IF NOT EXISTS outlay_rollup_stage (
            hour bigint NOT NULL, provider text NOT NULL, model text NOT NULL, operation text NOT NULL, service text NOT NULL,
            environment text NOT NULL, key_label text NOT NULL, status text NOT NULL, service_tier text NOT NULL,
            tags_json text NOT NULL,
        """ + SumColumnsDdl + """
        ) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS outlay_dim_stage (
            daily boolean NOT NULL, dimension text NOT NULL, hour bigint NOT NULL, value text NOT NULL,
        """ + SumColumnsDdl + """
        ) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS outlay_price_stage (
            hour bigint NOT NULL, provider text NOT NULL, model text NOT NULL, price_id text NOT NULL,
        """ + SumColumnsDdl + """
        ) ON COMMIT DELETE ROWS;
        """ + CredentialStaging.CreateSql;

    private const string SumColumnsDdl = """
        cost_nano bigint NOT NULL, events bigint NOT NULL, unpriced_events bigint NOT NULL, input_tokens bigint NOT NULL,
        output_tokens bigint NOT NULL, cache_read_tokens bigint NOT NULL, cache_write_tokens bigint NOT NULL,
        cache_write_1h_tokens bigint NOT NULL, reasoning_tokens bigint NOT NULL
        """;

    private const string Sums = """
        cost_nano, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
        cache_write_1h_tokens, reasoning_tokens
        """;

    private const string AddSums = """
        cost_nano = r.cost_nano + excluded.cost_nano,
        events = r.events + excluded.events,
        unpriced_events = r.unpriced_events + excluded.unpriced_events,
        input_tokens = r.input_tokens + excluded.input_tokens,
        output_tokens = r.output_tokens + excluded.output_tokens,
        cache_read_tokens = r.cache_read_tokens + excluded.cache_read_tokens,
        cache_write_tokens = r.cache_write_tokens + excluded.cache_write_tokens,
        cache_write_1h_tokens = r.cache_write_1h_tokens + excluded.cache_write_1h_tokens,
        reasoning_tokens = r.reasoning_tokens + excluded.reasoning_tokens
        """;

    private const string FullKey = "hour, provider, model, operation, service, environment, key_label, status, service_tier, tags_json";

    private const string UpsertFullSql =
        "INSERT INTO rollups_hourly AS r (project_id, " + FullKey + ", " + Sums + ") SELECT @project, " + FullKey + ", " + Sums +
        " FROM outlay_rollup_stage ORDER BY " + FullKey + " ON CONFLICT (project_id, " + FullKey + ") DO UPDATE SET " + AddSums + ";";

    private const string UpsertDimensionSql =
        "INSERT INTO rollups_dim_hourly AS r (project_id, dimension, hour, value, " + Sums + ") SELECT @project, dimension, hour, value, " + Sums +
        " FROM outlay_dim_stage WHERE NOT daily ORDER BY dimension, hour, value ON CONFLICT (project_id, dimension, hour, value) DO UPDATE SET " + AddSums + ";";

    private const string UpsertDailyDimensionSql =
        "INSERT INTO rollups_dim_daily AS r (project_id, dimension, day, value, " + Sums + ") SELECT @project, dimension, hour, value, " + Sums +
        " FROM outlay_dim_stage WHERE daily ORDER BY dimension, hour, value ON CONFLICT (project_id, dimension, day, value) DO UPDATE SET " + AddSums + ";";

    private const string UpsertPriceSql =
        "INSERT INTO price_usage_hourly AS r (project_id, hour, provider, model, price_id, " + Sums + ") SELECT @project, hour, provider, model, price_id, " + Sums +
        " FROM outlay_price_stage ORDER BY hour, provider, model, price_id ON CONFLICT (project_id, hour, provider, model, price_id) DO UPDATE SET " + AddSums + ";";

    /// <summary>Deletes rows a delta emptied (a replaced or re-priced event moved away); appends alone never leave one.</summary>
    public const string DeleteEmptyRowsSql = """
        DELETE FROM rollups_hourly WHERE project_id = @project AND events = 0;
        DELETE FROM rollups_dim_hourly WHERE project_id = @project AND events = 0;
        DELETE FROM rollups_dim_daily WHERE project_id = @project AND events = 0;
        DELETE FROM price_usage_hourly WHERE project_id = @project AND events = 0;
        """ + CredentialStaging.DeleteEmptyRowsSql;

    private const string ClearSql = "DELETE FROM outlay_rollup_stage; DELETE FROM outlay_dim_stage; DELETE FROM outlay_price_stage;";

    public static async Task UpsertAsync(NpgsqlConnection connection, string projectId, BatchRollups rollups, CancellationToken cancellationToken)
    {
        if (rollups.Full.Count == 0)
        {
            return;
        }

        var full = await connection.BeginBinaryImportAsync("COPY outlay_rollup_stage (" + FullKey + ", " + Sums + ") FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (full.ConfigureAwait(false))
        {
            foreach (var (key, sums) in rollups.Full)
            {
                full.StartRow();
                full.Write(key.Hour, NpgsqlDbType.Bigint);
                full.Write(key.Provider, NpgsqlDbType.Text);
                full.Write(key.Model, NpgsqlDbType.Text);
                full.Write(key.Operation, NpgsqlDbType.Text);
                full.Write(key.Service, NpgsqlDbType.Text);
                full.Write(key.Environment, NpgsqlDbType.Text);
                full.Write(key.KeyLabel, NpgsqlDbType.Text);
                full.Write(key.Status, NpgsqlDbType.Text);
                full.Write(key.ServiceTier, NpgsqlDbType.Text);
                full.Write(key.TagsJson, NpgsqlDbType.Text);

                WriteSums(full, sums);
            }

            await full.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        var dimensions = await connection.BeginBinaryImportAsync("COPY outlay_dim_stage (daily, dimension, hour, value, " + Sums + ") FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (dimensions.ConfigureAwait(false))
        {
            WriteDimensions(dimensions, daily: false, rollups.Dimensions);
            WriteDimensions(dimensions, daily: true, rollups.DailyDimensions);
            await dimensions.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        var prices = await connection.BeginBinaryImportAsync("COPY outlay_price_stage (hour, provider, model, price_id, " + Sums + ") FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (prices.ConfigureAwait(false))
        {
            foreach (var (key, sums) in rollups.Prices)
            {
                prices.StartRow();
                prices.Write(key.Hour, NpgsqlDbType.Bigint);
                prices.Write(key.Provider, NpgsqlDbType.Text);
                prices.Write(key.Model, NpgsqlDbType.Text);
                prices.Write(key.PriceId, NpgsqlDbType.Text);
                WriteSums(prices, sums);
            }

            await prices.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await CredentialStaging.CopyAsync(connection, rollups.Credentials, cancellationToken).ConfigureAwait(false);

        // The staging rows are deleted at once: a transaction may upsert again (one re-pricing page, several projects).
        var credentials = rollups.Credentials.IsEmpty ? string.Empty : CredentialStaging.UpsertSql;
        await using (var upsert = new NpgsqlCommand(UpsertFullSql + UpsertDimensionSql + UpsertDailyDimensionSql + UpsertPriceSql + ClearSql + credentials, connection))
        {
            upsert.Parameters.AddWithValue("project", projectId);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // After the events and the deltas are written: a place an event left is recounted from what is stored.
        await CredentialStaging.RecountAsync(connection, projectId, rollups.Credentials, cancellationToken).ConfigureAwait(false);
    }

    private static void WriteDimensions(NpgsqlBinaryImporter writer, bool daily, Dictionary<DimensionRollupKey, RollupSums> rows)
    {
        foreach (var (key, sums) in rows)
        {
            writer.StartRow();
            writer.Write(daily, NpgsqlDbType.Boolean);
            writer.Write(key.Dimension, NpgsqlDbType.Text);
            writer.Write(key.Hour, NpgsqlDbType.Bigint);
            writer.Write(key.Value, NpgsqlDbType.Text);
            WriteSums(writer, sums);
        }
    }

    private static void WriteSums(NpgsqlBinaryImporter writer, in RollupSums sums)
    {
        writer.Write(sums.CostNano, NpgsqlDbType.Bigint);
        writer.Write(sums.Events, NpgsqlDbType.Bigint);
        writer.Write(sums.UnpricedEvents, NpgsqlDbType.Bigint);
        writer.Write(sums.InputTokens, NpgsqlDbType.Bigint);
        writer.Write(sums.OutputTokens, NpgsqlDbType.Bigint);
        writer.Write(sums.CacheReadTokens, NpgsqlDbType.Bigint);
        writer.Write(sums.CacheWriteTokens, NpgsqlDbType.Bigint);
        writer.Write(sums.CacheWrite1hTokens, NpgsqlDbType.Bigint);
        writer.Write(sums.ReasoningTokens, NpgsqlDbType.Bigint);
    }
}
