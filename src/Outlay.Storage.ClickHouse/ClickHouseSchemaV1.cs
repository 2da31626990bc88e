namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Schema version 1: the event log, the id ledger and four rollups, each maintained by a materialized view on the
/// event log, plus views named like the relational engines' tables that show the collapsed current state. On a cluster
/// the stored tables are <c>*_local</c> on every shard with a <c>Distributed</c> table of the plain name beside them;
/// the materialized views run on each shard's local tables.
/// </summary>
/// <remarks>
/// Every measure a view writes is multiplied by <c>sign</c>, so a cancel row (sign −1, an exact copy of a stored row)
/// takes back exactly what its original added. Stored columns that hold a transformed value (<c>service_k</c> is
/// <c>ifNull(service, '')</c>) have their own names because ClickHouse does not let an alias shadow a column.
/// </remarks>
internal static class ClickHouseSchemaV1
{
    /// <summary>The event columns in insert order (<see cref="EventRow"/> writes them in this order).</summary>
    public const string EventColumns = """
        project_id String, id String, sign Int8, occurred_date Date, occurred_ms Int64, hour Int64,
        provider String, model String, operation String, service_tier String, status String, latency_ms Nullable(Int64),
        service Nullable(String), environment Nullable(String), instance Nullable(String), key_label Nullable(String),
        tags_json String, tag_keys Array(String), tag_values Array(String),
        input_tokens Int64, output_tokens Int64, cache_read_tokens Int64, cache_write_tokens Int64,
        cache_write_1h_tokens Int64, reasoning_tokens Int64, cost_nano Nullable(Int64), price_id Nullable(String),
        resolved_model Nullable(String), client_cost_nano Nullable(Int64), received_ms Int64
        """;

    /// <summary>The columns that identify one stored version of an event (all but sign and the derived ones).</summary>
    public const string EventVersionColumns = """
        project_id, id, occurred_ms, provider, model, operation, service_tier, status, latency_ms, service, environment,
        instance, key_label, tags_json, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
        cache_write_1h_tokens, reasoning_tokens, cost_nano, price_id, resolved_model, client_cost_nano, received_ms
        """;

    private const string Measures = """
        s_cost_nano Int64, s_events Int64, s_unpriced_events Int64, s_input_tokens Int64, s_output_tokens Int64,
        s_cache_read_tokens Int64, s_cache_write_tokens Int64, s_cache_write_1h_tokens Int64, s_reasoning_tokens Int64
        """;

    private const string MeasureNames = """
        (s_cost_nano, s_events, s_unpriced_events, s_input_tokens, s_output_tokens, s_cache_read_tokens,
        s_cache_write_tokens, s_cache_write_1h_tokens, s_reasoning_tokens)
        """;

    private const string SignedMeasures = """
        toInt64(sign * ifNull(cost_nano, 0)) AS s_cost_nano, toInt64(sign) AS s_events,
        toInt64(sign * isNull(cost_nano)) AS s_unpriced_events, toInt64(sign * input_tokens) AS s_input_tokens,
        toInt64(sign * output_tokens) AS s_output_tokens, toInt64(sign * cache_read_tokens) AS s_cache_read_tokens,
        toInt64(sign * cache_write_tokens) AS s_cache_write_tokens, toInt64(sign * cache_write_1h_tokens) AS s_cache_write_1h_tokens,
        toInt64(sign * reasoning_tokens) AS s_reasoning_tokens
        """;

    /// <summary>The views' sums, named like the relational columns.</summary>
    private const string ViewSums = """
        sum(s_cost_nano) AS cost_nano, sum(s_events) AS events, sum(s_unpriced_events) AS unpriced_events,
        sum(s_input_tokens) AS input_tokens, sum(s_output_tokens) AS output_tokens, sum(s_cache_read_tokens) AS cache_read_tokens,
        sum(s_cache_write_tokens) AS cache_write_tokens, sum(s_cache_write_1h_tokens) AS cache_write_1h_tokens,
        sum(s_reasoning_tokens) AS reasoning_tokens
        """;

    /// <summary>The statements of version 1, run in order on every node; each is idempotent (IF NOT EXISTS).</summary>
    public static IReadOnlyList<string> Statements(string database, string? cluster)
    {
        var statements = new List<string>();
        var local = cluster is null ? string.Empty : "_local";

        void Stored(string name, string columns, string engine, string? shardingKey)
        {
            statements.Add($"CREATE TABLE IF NOT EXISTS {name}{local} ({columns}) ENGINE = {engine}");
            if (cluster is not null)
            {
                statements.Add($"CREATE TABLE IF NOT EXISTS {name} AS {name}_local ENGINE = Distributed({cluster}, {database}, {name}_local" +
                    (shardingKey is null ? ")" : $", {shardingKey})"));
            }
        }

        // Sharded by (project, id), so a cancel row lands on the shard of the row it cancels.
        Stored("events_log", EventColumns, "CollapsingMergeTree(sign) PARTITION BY toYYYYMM(occurred_date) ORDER BY (project_id, hour, id)", "cityHash64(project_id, id)");
        Stored("event_ids", "project_id String, id String, hour Int64", "ReplacingMergeTree ORDER BY (project_id, id, hour)", "cityHash64(project_id, id)");
        Stored(
            "rollups_hourly_data",
            "project_id String, hour Int64, provider String, model String, operation String, service_k String, environment_k String, " +
            "key_label_k String, status String, service_tier String, tags_json String, tag_keys Array(String), tag_values Array(String), " + Measures,
            "SummingMergeTree(" + MeasureNames + ") ORDER BY (project_id, hour, provider, model, operation, service_k, environment_k, key_label_k, status, service_tier, tags_json)",
            null);
        Stored(
            "rollups_dim_hourly_data",
            "project_id String, dimension String, hour Int64, value String, " + Measures,
            "SummingMergeTree(" + MeasureNames + ") ORDER BY (project_id, dimension, hour, value)",
            null);
        Stored(
            "price_usage_hourly_data",
            "project_id String, hour Int64, provider String, model String, price_k String, " + Measures,
            "SummingMergeTree(" + MeasureNames + ") ORDER BY (project_id, hour, provider, model, price_k)",
            null);
        Stored(
            "credential_usage_hourly_data",
            "project_id String, hour Int64, key_label_k String, service_k String, environment_k String, instance_k String, model String, feature String, " + Measures,
            "SummingMergeTree(" + MeasureNames + ") ORDER BY (project_id, hour, key_label_k, service_k, environment_k, instance_k, model, feature)",
            null);

        var source = "events_log" + local;
        statements.Add($"CREATE MATERIALIZED VIEW IF NOT EXISTS event_ids_mv TO event_ids{local} AS SELECT project_id, id, hour FROM {source} WHERE sign > 0");
        statements.Add($"""
            CREATE MATERIALIZED VIEW IF NOT EXISTS rollups_hourly_mv TO rollups_hourly_data{local} AS
            SELECT project_id, hour, provider, model, operation, ifNull(service, '') AS service_k, ifNull(environment, '') AS environment_k,
                ifNull(key_label, '') AS key_label_k, status, service_tier, tags_json, tag_keys, tag_values, {SignedMeasures}
            FROM {source}
            """);
        statements.Add($"""
            CREATE MATERIALIZED VIEW IF NOT EXISTS rollups_dim_hourly_mv TO rollups_dim_hourly_data{local} AS
            SELECT project_id, dimension, hour, value, {SignedMeasures}
            FROM {source}
            ARRAY JOIN
                arrayConcat(['', 'provider', 'model', 'operation', 'service', 'environment', 'key_label', 'status', 'service_tier'],
                    arrayMap(k -> concat('tag.', k), tag_keys)) AS dimension,
                arrayConcat(['', provider, model, operation, ifNull(service, ''), ifNull(environment, ''), ifNull(key_label, ''), status, service_tier],
                    tag_values) AS value
            """);
        statements.Add($"""
            CREATE MATERIALIZED VIEW IF NOT EXISTS price_usage_hourly_mv TO price_usage_hourly_data{local} AS
            SELECT project_id, hour, provider, model, if(isNull(cost_nano), '', ifNull(price_id, '')) AS price_k, {SignedMeasures}
            FROM {source}
            """);
        statements.Add($"""
            CREATE MATERIALIZED VIEW IF NOT EXISTS credential_usage_hourly_mv TO credential_usage_hourly_data{local} AS
            SELECT project_id, hour, ifNull(key_label, '') AS key_label_k, ifNull(service, '') AS service_k, ifNull(environment, '') AS environment_k,
                ifNull(instance, '') AS instance_k, model, if(has(tag_keys, 'feature'), tag_values[indexOf(tag_keys, 'feature')], '') AS feature,
                {SignedMeasures}
            FROM {source}
            WHERE ifNull(key_label, '') != ''
            """);

        // Views with the relational engines' table and column names, showing the collapsed state (for tests and people).
        statements.Add($"CREATE VIEW IF NOT EXISTS events AS SELECT {EventVersionColumns} FROM events_log GROUP BY {EventVersionColumns} HAVING sum(sign) > 0");
        statements.Add($"""
            CREATE VIEW IF NOT EXISTS rollups_hourly AS
            SELECT project_id, hour, provider, model, operation, service_k AS service, environment_k AS environment, key_label_k AS key_label,
                status, service_tier, tags_json, {ViewSums}
            FROM rollups_hourly_data
            GROUP BY project_id, hour, provider, model, operation, service_k, environment_k, key_label_k, status, service_tier, tags_json
            HAVING sum(s_events) != 0
            """);
        statements.Add($"""
            CREATE VIEW IF NOT EXISTS rollups_dim_hourly AS
            SELECT project_id, dimension, hour, value, {ViewSums}
            FROM rollups_dim_hourly_data GROUP BY project_id, dimension, hour, value HAVING sum(s_events) != 0
            """);
        statements.Add($"""
            CREATE VIEW IF NOT EXISTS price_usage_hourly AS
            SELECT project_id, hour, provider, model, price_k AS price_id, {ViewSums}
            FROM price_usage_hourly_data GROUP BY project_id, hour, provider, model, price_k HAVING sum(s_events) != 0
            """);
        statements.Add($"""
            CREATE VIEW IF NOT EXISTS credential_usage_hourly AS
            SELECT project_id, hour, key_label_k AS key_label, service_k AS service, environment_k AS environment, instance_k AS instance,
                model, feature, {ViewSums}
            FROM credential_usage_hourly_data
            GROUP BY project_id, hour, key_label_k, service_k, environment_k, instance_k, model, feature
            HAVING sum(s_events) != 0
            """);
        statements.Add($"CREATE VIEW IF NOT EXISTS credential_places AS {ClickHouseCredentialSql.PlacesSelect("1")}");
        return statements;
    }
}
