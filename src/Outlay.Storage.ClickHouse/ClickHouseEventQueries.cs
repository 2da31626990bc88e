using Outlay.Core.Credentials;
using Outlay.Core.Querying;

namespace Outlay.Storage.ClickHouse;

/// <summary>Price usage and credential activity read from the rollups (and, for places, the event log), aggregated at read time.</summary>
internal static class ClickHouseEventQueries
{
    public static async Task<IReadOnlyList<PriceUsageRow>> PriceUsageAsync(
        ClickHouseHttp http, string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        // Ties on cost are broken by model, provider and price id (byte order), as in the relational engines.
        var sql = $"""
            SELECT provider, model, price_k, sum(s_events) AS ev, sum(s_unpriced_events) AS unpriced, sum(toDecimal128(s_cost_nano, 0)) AS cost,
                sum(toDecimal128(s_input_tokens, 0)) AS inp, sum(toDecimal128(s_output_tokens, 0)) AS outp, sum(toDecimal128(s_cache_read_tokens, 0)) AS cr,
                sum(toDecimal128(s_cache_write_tokens, 0)) + sum(toDecimal128(s_cache_write_1h_tokens, 0)) AS cw, sum(toDecimal128(s_reasoning_tokens, 0)) AS rs
            FROM price_usage_hourly_data
            WHERE project_id = {ClickHouseSql.Quote(projectId)} AND hour >= {ClickHouseSql.Number(HourAlignment.Floor(from).ToUnixTimeSeconds())}
                AND hour < {ClickHouseSql.Number(HourAlignment.Ceiling(to).ToUnixTimeSeconds())}
            GROUP BY provider, model, price_k
            HAVING ev != 0
            ORDER BY cost DESC, model, provider, price_k
            """;
        var rows = new List<PriceUsageRow>();
        foreach (var row in await http.QueryAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var priceId = row.GetProperty("price_k").GetString()!;
            rows.Add(new PriceUsageRow(
                Provider: row.GetProperty("provider").GetString()!,
                Model: row.GetProperty("model").GetString()!,
                PriceId: priceId.Length == 0 ? null : priceId,
                Events: Json.Int64(row.GetProperty("ev")),
                UnpricedEvents: Json.Int64(row.GetProperty("unpriced")),
                CostNanoUsd: ClickHouseSpendQuery.Exact(row.GetProperty("cost")),
                InputTokens: ClickHouseSpendQuery.Exact(row.GetProperty("inp")),
                OutputTokens: ClickHouseSpendQuery.Exact(row.GetProperty("outp")),
                CacheReadTokens: ClickHouseSpendQuery.Exact(row.GetProperty("cr")),
                CacheWriteTokens: ClickHouseSpendQuery.Exact(row.GetProperty("cw")),
                ReasoningTokens: ClickHouseSpendQuery.Exact(row.GetProperty("rs"))));
        }

        return rows;
    }

    public static async Task<IReadOnlyList<CredentialPlace>> PlacesAsync(ClickHouseHttp http, string projectId, string? keyLabel, CancellationToken cancellationToken)
    {
        var where = "project_id = " + ClickHouseSql.Quote(projectId) + (keyLabel is null ? string.Empty : " AND key_label = " + ClickHouseSql.Quote(keyLabel));
        var sql = ClickHouseRetiredPlacesSql.PlacesSelect(where) + " ORDER BY last_seen_ms DESC, key_label, service, environment, instance, model";
        var places = new List<CredentialPlace>();
        foreach (var row in await http.QueryAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            places.Add(new CredentialPlace(
                row.GetProperty("key_label").GetString()!,
                row.GetProperty("service").GetString()!,
                row.GetProperty("environment").GetString()!,
                row.GetProperty("instance").GetString()!,
                row.GetProperty("model").GetString()!,
                DateTimeOffset.FromUnixTimeMilliseconds(Json.Int64(row.GetProperty("first_seen_ms"))),
                DateTimeOffset.FromUnixTimeMilliseconds(Json.Int64(row.GetProperty("last_seen_ms"))),
                Json.Int64(row.GetProperty("events"))));
        }

        return places;
    }

    public static async Task<IReadOnlyList<CredentialUsageRow>> CredentialUsageAsync(
        ClickHouseHttp http, string projectId, DateTimeOffset from, DateTimeOffset to, string? keyLabel, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT hour, key_label_k, service_k, environment_k, instance_k, model, feature, sum(s_events) AS ev,
                sum(toDecimal128(s_input_tokens, 0)) AS inp, sum(toDecimal128(s_output_tokens, 0)) AS outp,
                sum(toDecimal128(s_cost_nano, 0)) AS cost, sum(s_unpriced_events) AS unpriced
            FROM credential_usage_hourly_data
            WHERE project_id = {ClickHouseSql.Quote(projectId)} AND hour >= {ClickHouseSql.Number(HourAlignment.Floor(from).ToUnixTimeSeconds())}
                AND hour < {ClickHouseSql.Number(HourAlignment.Ceiling(to).ToUnixTimeSeconds())}
                {(keyLabel is null ? string.Empty : "AND key_label_k = " + ClickHouseSql.Quote(keyLabel))}
            GROUP BY hour, key_label_k, service_k, environment_k, instance_k, model, feature
            HAVING ev != 0
            ORDER BY hour, key_label_k, service_k, environment_k, instance_k, model, feature
            """;
        var rows = new List<CredentialUsageRow>();
        foreach (var row in await http.QueryAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new CredentialUsageRow(
                DateTimeOffset.FromUnixTimeSeconds(Json.Int64(row.GetProperty("hour"))),
                row.GetProperty("key_label_k").GetString()!,
                row.GetProperty("service_k").GetString()!,
                row.GetProperty("environment_k").GetString()!,
                row.GetProperty("instance_k").GetString()!,
                row.GetProperty("model").GetString()!,
                row.GetProperty("feature").GetString()!,
                Json.Int64(row.GetProperty("ev")),
                ClickHouseSpendQuery.Exact(row.GetProperty("inp")),
                ClickHouseSpendQuery.Exact(row.GetProperty("outp")),
                ClickHouseSpendQuery.Exact(row.GetProperty("cost")),
                Json.Int64(row.GetProperty("unpriced"))));
        }

        return rows;
    }
}
