using System.Globalization;
using System.Text;
using System.Text.Json;
using Outlay.Core.Querying;
using Outlay.Storage.Relational;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Answers a <see cref="SpendQuery"/> from the rollup tables with the relational engines' rows and order (cost
/// descending, then group values with unset first and the rest in byte order, then bucket). Every read aggregates with
/// sum() … GROUP BY, so the answer is exact whatever background merges have or have not done; sums are Decimal128 and
/// a result past 2^63-1 is refused. Column names come from constant switches, tag names and values only through
/// <see cref="ClickHouseSql.Quote"/>.
/// </summary>
internal static class ClickHouseSpendQuery
{
    private const string Sums = """
        sum(toDecimal128(m0, 0)) AS cost, sum(m1) AS ev, sum(m2) AS unpriced, sum(toDecimal128(m3, 0)) AS inp,
        sum(toDecimal128(m4, 0)) AS outp, sum(toDecimal128(m5, 0)) AS cr, sum(toDecimal128(m6, 0)) + sum(toDecimal128(m7, 0)) AS cw,
        sum(toDecimal128(m8, 0)) AS rs
        """;

    private const string Measures = """
        s_cost_nano AS m0, s_events AS m1, s_unpriced_events AS m2, s_input_tokens AS m3, s_output_tokens AS m4,
        s_cache_read_tokens AS m5, s_cache_write_tokens AS m6, s_cache_write_1h_tokens AS m7, s_reasoning_tokens AS m8
        """;

    private const string NegatedMeasures = """
        -s_cost_nano AS m0, -s_events AS m1, -s_unpriced_events AS m2, -s_input_tokens AS m3, -s_output_tokens AS m4,
        -s_cache_read_tokens AS m5, -s_cache_write_tokens AS m6, -s_cache_write_1h_tokens AS m7, -s_reasoning_tokens AS m8
        """;

    public static async Task<SpendResult> RunAsync(ClickHouseHttp http, string projectId, SpendQuery query, bool useDimensionRollups, CancellationToken cancellationToken)
    {
        var sql = useDimensionRollups && CanUseDimensionRollup(query) ? BuildDimension(projectId, query) : BuildFull(projectId, query);
        var rows = await http.QueryAsync(sql, cancellationToken).ConfigureAwait(false);
        return Read(rows, query);
    }

    /// <summary>True when <paramref name="query"/> has no filters and at most one group-by dimension: the one-dimension rollup answers it.</summary>
    public static bool CanUseDimensionRollup(SpendQuery query) => query.Filters.Count == 0 && query.GroupBy.Count <= 1;

    /// <summary>The rollup column of a column dimension (unset stored as '').</summary>
    public static string ColumnOf(SpendDimension dimension) => SpendColumns.ColumnOf(dimension) switch
    {
        "service" => "service_k",
        "environment" => "environment_k",
        "key_label" => "key_label_k",
        var column => column,
    };

    /// <summary>A tag's value on a rollup row, or NULL when the row's events do not have the tag.</summary>
    public static string TagValue(string tag)
    {
        var quoted = ClickHouseSql.Quote(tag);
        return $"if(has(tag_keys, {quoted}), tag_values[indexOf(tag_keys, {quoted})], NULL)";
    }

    /// <summary>Converts an exact sum to long, or refuses the query.</summary>
    public static long Exact(JsonElement value)
    {
        var big = Json.Big(value);
        if (big > long.MaxValue || big < long.MinValue)
        {
            throw new OverflowException(
                "A sum over this range exceeds 2^63-1 (about $9.2 billion in nano-dollars, or that many tokens) and cannot be reported exactly; query a shorter range.");
        }

        return (long)big;
    }

    private static string BuildFull(string projectId, SpendQuery query)
    {
        var sql = new StringBuilder("SELECT ");
        var groups = new List<string>();
        for (var i = 0; i < query.GroupBy.Count; i++)
        {
            var dimension = query.GroupBy[i];
            var alias = "d" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(dimension.TagName is { } tag ? TagValue(tag) : $"nullIf({ColumnOf(dimension)}, '')").Append(" AS ").Append(alias).Append(", ");
            groups.Add(alias);
        }

        var bucket = AppendBucket(sql, query.Interval);
        sql.Append(Sums).Append(" FROM (SELECT *, ").Append(Measures).Append(" FROM rollups_hourly_data WHERE project_id = ").Append(ClickHouseSql.Quote(projectId))
            .Append(" AND hour >= ").Append(ClickHouseSql.Number(HourAlignment.Floor(query.From).ToUnixTimeSeconds()))
            .Append(" AND hour < ").Append(ClickHouseSql.Number(HourAlignment.Ceiling(query.To).ToUnixTimeSeconds()));
        foreach (var filter in query.Filters)
        {
            if (filter.Dimension.TagName is { } tag)
            {
                var quoted = ClickHouseSql.Quote(tag);
                sql.Append(" AND has(tag_keys, ").Append(quoted).Append(") AND tag_values[indexOf(tag_keys, ").Append(quoted).Append(")] IN ");
            }
            else
            {
                sql.Append(" AND ").Append(ColumnOf(filter.Dimension)).Append(" IN ");
            }

            sql.Append(ClickHouseSql.InList(filter.Values));
        }

        sql.Append(')');
        AppendGroupAndOrder(sql, groups, bucket);
        return sql.ToString();
    }

    private static string BuildDimension(string projectId, SpendQuery query)
    {
        var from = HourAlignment.Floor(query.From).ToUnixTimeSeconds();
        var to = HourAlignment.Ceiling(query.To).ToUnixTimeSeconds();
        var dimension = query.GroupBy.Count == 1 ? query.GroupBy[0] : null;
        var isTag = dimension?.IsTag == true;
        var name = ClickHouseSql.Quote(dimension?.Name ?? string.Empty);
        var range = $"project_id = {ClickHouseSql.Quote(projectId)} AND hour >= {ClickHouseSql.Number(from)} AND hour < {ClickHouseSql.Number(to)}";
        var rows = new StringBuilder();
        rows.Append($"SELECT {(isTag ? "toNullable(value)" : "value")} AS v, hour, {Measures} FROM rollups_dim_hourly_data WHERE {range} AND dimension = {name}");
        if (isTag)
        {
            // Events without the tag: the hour's totals (dimension '') minus every value of the tag, as the relational engines do.
            rows.Append($" UNION ALL SELECT CAST(NULL AS Nullable(String)) AS v, hour, {Measures} FROM rollups_dim_hourly_data WHERE {range} AND dimension = ''");
            rows.Append($" UNION ALL SELECT CAST(NULL AS Nullable(String)) AS v, hour, {NegatedMeasures} FROM rollups_dim_hourly_data WHERE {range} AND dimension = {name}");
        }

        var sql = new StringBuilder("SELECT ");
        var groups = new List<string>(1);
        if (dimension is not null)
        {
            sql.Append(isTag ? "v" : "nullIf(v, '')").Append(" AS d0, ");
            groups.Add("d0");
        }

        var bucket = AppendBucket(sql, query.Interval);
        sql.Append(Sums).Append(" FROM (").Append(rows).Append(')');
        AppendGroupAndOrder(sql, groups, bucket);
        return sql.ToString();
    }

    private static bool AppendBucket(StringBuilder sql, SpendInterval interval)
    {
        switch (interval)
        {
            case SpendInterval.Hour:
                sql.Append("hour AS bucket, ");
                return true;
            case SpendInterval.Day:
                sql.Append("hour - (hour % 86400) AS bucket, ");
                return true;
            default:
                return false;
        }
    }

    private static void AppendGroupAndOrder(StringBuilder sql, List<string> groups, bool bucket)
    {
        var all = new List<string>(groups);
        if (bucket)
        {
            all.Add("bucket");
        }

        if (all.Count > 0)
        {
            // Groups whose events all cancelled out (replaced, re-priced) sum to zero events: they do not exist.
            sql.Append(" GROUP BY ").AppendJoin(", ", all).Append(" HAVING ev != 0");
        }

        sql.Append(" ORDER BY cost DESC");
        foreach (var group in groups)
        {
            sql.Append(", ").Append(group).Append(" ASC NULLS FIRST");
        }

        if (bucket)
        {
            sql.Append(", bucket");
        }
    }

    private static SpendResult Read(List<JsonElement> rows, SpendQuery query)
    {
        var result = new List<SpendRow>(rows.Count);
        long totalCost = 0;
        long totalUnpriced = 0;
        foreach (var row in rows)
        {
            var events = Json.Int64(row.GetProperty("ev"));
            if (events == 0)
            {
                // The one row of an ungrouped aggregate over nothing.
                continue;
            }

            var dimensions = new Dictionary<string, string?>(query.GroupBy.Count, StringComparer.Ordinal);
            for (var i = 0; i < query.GroupBy.Count; i++)
            {
                dimensions[query.GroupBy[i].Name] = Json.NullableString(row.GetProperty("d" + i.ToString(CultureInfo.InvariantCulture)));
            }

            DateTimeOffset? bucket = query.Interval != SpendInterval.None ? DateTimeOffset.FromUnixTimeSeconds(Json.Int64(row.GetProperty("bucket"))) : null;
            var spend = new SpendRow(
                dimensions,
                bucket,
                CostNanoUsd: Exact(row.GetProperty("cost")),
                Events: events,
                InputTokens: Exact(row.GetProperty("inp")),
                OutputTokens: Exact(row.GetProperty("outp")),
                CacheReadTokens: Exact(row.GetProperty("cr")),
                CacheWriteTokens: Exact(row.GetProperty("cw")),
                ReasoningTokens: Exact(row.GetProperty("rs")),
                UnpricedEvents: Json.Int64(row.GetProperty("unpriced")));
            result.Add(spend);
            try
            {
                totalCost = checked(totalCost + spend.CostNanoUsd);
                totalUnpriced = checked(totalUnpriced + spend.UnpricedEvents);
            }
            catch (OverflowException e)
            {
                throw new OverflowException(
                    "A sum over this range exceeds 2^63-1 (about $9.2 billion in nano-dollars, or that many tokens) and cannot be reported exactly; query a shorter range.", e);
            }
        }

        return new SpendResult(result, totalCost, totalUnpriced);
    }
}
