using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Outlay.Core.Querying;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Builds the one SQL statement that answers a <see cref="SpendQuery"/> from <c>rollups_hourly</c> and its <c>rollup_keys</c>.
/// Column names come only from the constant switch in <see cref="SpendColumns.ColumnOf"/> (the <see cref="SpendDimension"/>
/// whitelist); tag paths and every value are bound parameters, so no caller text ever becomes SQL.
/// </summary>
internal static class SpendQuerySql
{
    private const string Sums = """
        SUM(cost_nano) AS cost, SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens),
        SUM(cache_read_tokens), SUM(cache_write_tokens) + SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        """;

    // Per key (and bucket) partial sums, named as the rollup's columns so Sums reads them alike. All sums are of
    // non-negative rows, so a partial sum never overflows where the total would not.
    private const string SumsByKey = """
        SUM(cost_nano) AS cost_nano, SUM(events) AS events, SUM(unpriced_events) AS unpriced_events,
        SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, SUM(cache_read_tokens) AS cache_read_tokens,
        SUM(cache_write_tokens) AS cache_write_tokens, SUM(cache_write_1h_tokens) AS cache_write_1h_tokens,
        SUM(reasoning_tokens) AS reasoning_tokens
        """;

    public static void Build(SqliteCommand command, string projectId, SpendQuery query)
    {
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$from", HourAlignment.Floor(query.From).ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$to", HourAlignment.Ceiling(query.To).ToUnixTimeSeconds());
        var bucket = query.Interval switch
        {
            SpendInterval.Hour => "hour",

            // Hours are UTC Unix seconds, so whole UTC days are multiples of 86 400.
            SpendInterval.Day => "hour - (hour % 86400)",
            _ => null,
        };

        // The hour range of the narrow rollup is read once; filters keep only rows whose key id is in the set of
        // matching keys (an in-memory list SQLite builds once per query).
        var range = new StringBuilder(" FROM rollups_hourly WHERE project_id = $project AND hour >= $from AND hour < $to");
        if (query.Filters.Count > 0)
        {
            range.Append(" AND key_id IN (SELECT id FROM rollup_keys WHERE project_id = $project");
            for (var f = 0; f < query.Filters.Count; f++)
            {
                AppendFilter(range, command, query.Filters[f], "$f" + f.ToString(CultureInfo.InvariantCulture));
            }

            range.Append(')');
        }

        var groups = new List<string>();
        var sql = new StringBuilder();
        if (query.GroupBy.Count == 0)
        {
            sql.Append("SELECT ");
            if (bucket is not null)
            {
                sql.Append(bucket).Append(" AS bucket, ");
                groups.Add("bucket");
            }

            sql.Append(Sums).Append(range);
        }
        else
        {
            // Sum per key (and bucket) first, then read each key's dimensions and tags JSON once per such row instead
            // of once per hour: the key's id is the rollup's INTEGER PRIMARY KEY, one lookup each.
            sql.Append("WITH s AS MATERIALIZED (SELECT key_id, ");
            if (bucket is not null)
            {
                sql.Append(bucket).Append(" AS bucket, ");
            }

            sql.Append(SumsByKey).Append(range).Append(" GROUP BY key_id").Append(bucket is null ? string.Empty : ", bucket")
                .Append(") SELECT ");
            for (var i = 0; i < query.GroupBy.Count; i++)
            {
                var alias = "d" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(SelectExpression(command, query.GroupBy[i], "$g" + i.ToString(CultureInfo.InvariantCulture)))
                    .Append(" AS ").Append(alias).Append(", ");
                groups.Add(alias);
            }

            if (bucket is not null)
            {
                sql.Append("bucket, ");
                groups.Add("bucket");
            }

            // CROSS JOIN keeps the summed rows the outer loop (SQLite does not reorder it).
            sql.Append(Sums).Append(" FROM s CROSS JOIN rollup_keys ON rollup_keys.id = s.key_id");
        }

        if (groups.Count > 0)
        {
            sql.Append(" GROUP BY ").AppendJoin(", ", groups);
        }

        sql.Append(" ORDER BY cost DESC");
        foreach (var group in groups)
        {
            sql.Append(", ").Append(group);
        }

        command.CommandText = sql.Append(';').ToString();
    }

    private static string SelectExpression(SqliteCommand command, SpendDimension dimension, string pathParameter)
    {
        if (dimension.TagName is { } tag)
        {
            command.Parameters.AddWithValue(pathParameter, CanonicalTagsJson.PathOf(tag));
            return "json_extract(tags_json, " + pathParameter + ")";
        }

        // Optional dimensions are stored as '' in rollup keys; report them as null (unset).
        return "NULLIF(" + SpendColumns.ColumnOf(dimension) + ", '')";
    }

    private static void AppendFilter(StringBuilder sql, SqliteCommand command, SpendFilter filter, string prefix)
    {
        string target;
        if (filter.Dimension.TagName is { } tag)
        {
            command.Parameters.AddWithValue(prefix + "p", CanonicalTagsJson.PathOf(tag));
            target = "json_extract(tags_json, " + prefix + "p)";
        }
        else
        {
            target = SpendColumns.ColumnOf(filter.Dimension);
        }

        sql.Append(" AND ").Append(target).Append(" IN (");
        for (var v = 0; v < filter.Values.Count; v++)
        {
            var name = prefix + "v" + v.ToString(CultureInfo.InvariantCulture);
            sql.Append(v == 0 ? string.Empty : ", ").Append(name);
            command.Parameters.AddWithValue(name, filter.Values[v]);
        }

        sql.Append(')');
    }
}
