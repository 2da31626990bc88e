namespace Outlay.Storage.Sqlite;

/// <summary>
/// Schema version 3: <c>rollups_dim_hourly</c>, one row per (hour, single dimension value) plus a totals row per hour
/// (dimension and value ''), backfilled from <c>rollups_hourly</c> and then maintained by every append in the same
/// transaction. It answers the dashboard's unfiltered one-dimension questions (spend by model, top features, top
/// customers) from a few hundred rows per hour instead of every dimension combination.
/// </summary>
internal static class SqliteSchemaV3
{
    // Index plan: a question is "one project, one dimension, an hour range", so the key is
    // (project_id, dimension, hour, value): each query is one contiguous range scan that reads no other dimension.
    // Column dimensions use the names of SpendDimension.Columns and store an unset value as '' (as rollups_hourly
    // does); tag dimensions are 'tag.<key>' with one row per value present. Events without the tag are not stored:
    // the query derives them as the hour's total minus the values present.
    public const string Script = """
        CREATE TABLE rollups_dim_hourly (
            project_id            TEXT NOT NULL,
            dimension             TEXT NOT NULL,
            hour                  INTEGER NOT NULL,
            value                 TEXT NOT NULL,
            cost_nano             INTEGER NOT NULL,
            events                INTEGER NOT NULL,
            unpriced_events       INTEGER NOT NULL,
            input_tokens          INTEGER NOT NULL,
            output_tokens         INTEGER NOT NULL,
            cache_read_tokens     INTEGER NOT NULL,
            cache_write_tokens    INTEGER NOT NULL,
            cache_write_1h_tokens INTEGER NOT NULL,
            reasoning_tokens      INTEGER NOT NULL,
            PRIMARY KEY (project_id, dimension, hour, value)
        ) WITHOUT ROWID;

        INSERT INTO rollups_dim_hourly (project_id, dimension, hour, value, cost_nano, events, unpriced_events, input_tokens,
            output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT project_id, '', hour, '', SUM(cost_nano), SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        FROM rollups_hourly GROUP BY project_id, hour;

        INSERT INTO rollups_dim_hourly (project_id, dimension, hour, value, cost_nano, events, unpriced_events, input_tokens,
            output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT project_id, 'provider', hour, provider, SUM(cost_nano), SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        FROM rollups_hourly GROUP BY project_id, hour, provider;

        INSERT INTO rollups_dim_hourly (project_id, dimension, hour, value, cost_nano, events, unpriced_events, input_tokens,
            output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT project_id, 'model', hour, model, SUM(cost_nano), SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        FROM rollups_hourly GROUP BY project_id, hour, model;

        INSERT INTO rollups_dim_hourly (project_id, dimension, hour, value, cost_nano, events, unpriced_events, input_tokens,
            output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT project_id, 'operation', hour, operation, SUM(cost_nano), SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        FROM rollups_hourly GROUP BY project_id, hour, operation;

        INSERT INTO rollups_dim_hourly (project_id, dimension, hour, value, cost_nano, events, unpriced_events, input_tokens,
            output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT project_id, 'service', hour, service, SUM(cost_nano), SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        FROM rollups_hourly GROUP BY project_id, hour, service;

        INSERT INTO rollups_dim_hourly (project_id, dimension, hour, value, cost_nano, events, unpriced_events, input_tokens,
            output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT project_id, 'environment', hour, environment, SUM(cost_nano), SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        FROM rollups_hourly GROUP BY project_id, hour, environment;

        INSERT INTO rollups_dim_hourly (project_id, dimension, hour, value, cost_nano, events, unpriced_events, input_tokens,
            output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT project_id, 'key_label', hour, key_label, SUM(cost_nano), SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        FROM rollups_hourly GROUP BY project_id, hour, key_label;

        INSERT INTO rollups_dim_hourly (project_id, dimension, hour, value, cost_nano, events, unpriced_events, input_tokens,
            output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT project_id, 'status', hour, status, SUM(cost_nano), SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        FROM rollups_hourly GROUP BY project_id, hour, status;

        INSERT INTO rollups_dim_hourly (project_id, dimension, hour, value, cost_nano, events, unpriced_events, input_tokens,
            output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT project_id, 'service_tier', hour, service_tier, SUM(cost_nano), SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens), SUM(cache_read_tokens), SUM(cache_write_tokens), SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        FROM rollups_hourly GROUP BY project_id, hour, service_tier;

        INSERT INTO rollups_dim_hourly (project_id, dimension, hour, value, cost_nano, events, unpriced_events, input_tokens,
            output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens)
        SELECT r.project_id, 'tag.' || j.key, r.hour, j.value, SUM(r.cost_nano), SUM(r.events), SUM(r.unpriced_events), SUM(r.input_tokens), SUM(r.output_tokens), SUM(r.cache_read_tokens), SUM(r.cache_write_tokens), SUM(r.cache_write_1h_tokens), SUM(r.reasoning_tokens)
        FROM rollups_hourly r, json_each(r.tags_json) j GROUP BY r.project_id, r.hour, j.key, j.value;
        """;
}
