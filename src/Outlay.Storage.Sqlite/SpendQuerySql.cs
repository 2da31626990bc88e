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
    public static void Build(SqliteCommand command, string projectId, SpendQuery query)
    {
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$from", HourAlignment.Floor(query.From).ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$to", HourAlignment.Ceiling(query.To).ToUnixTimeSeconds());
        var groups = new List<string>();
        var sql = new StringBuilder();
        var byKey = query.GroupBy.Count > 0 || query.Filters.Count > 0;
        if (byKey)
        {
            // The matching keys first, each key's dimensions (and tags JSON) read once; the hours' rows then only probe
            // this small set by id. MATERIALIZED keeps it one pass over the keys instead of one per rollup row.
            sql.Append("WITH k AS MATERIALIZED (SELECT id");
            for (var i = 0; i < query.GroupBy.Count; i++)
            {
                var alias = "d" + i.ToString(CultureInfo.InvariantCulture);
                sql.Append(", ").Append(SelectExpression(command, query.GroupBy[i], "$g" + i.ToString(CultureInfo.InvariantCulture)))
                    .Append(" AS ").Append(alias);
                groups.Add(alias);
            }

            sql.Append(" FROM rollup_keys WHERE project_id = $project");
            for (var f = 0; f < query.Filters.Count; f++)
            {
                AppendFilter(sql, command, query.Filters[f], "$f" + f.ToString(CultureInfo.InvariantCulture));
            }

            sql.Append(") ");
        }

        sql.Append("SELECT ");
        foreach (var group in groups)
        {
            sql.Append(group).Append(", ");
        }

        switch (query.Interval)
        {
            case SpendInterval.Hour:
                sql.Append("hour AS bucket, ");
                groups.Add("bucket");
                break;
            case SpendInterval.Day:
                // Hours are UTC Unix seconds, so whole UTC days are multiples of 86 400.
                sql.Append("hour - (hour % 86400) AS bucket, ");
                groups.Add("bucket");
                break;
        }

        sql.Append("""
            SUM(cost_nano) AS cost, SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens),
            SUM(cache_read_tokens), SUM(cache_write_tokens) + SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
            FROM rollups_hourly
            """);

        // CROSS JOIN keeps the rollup's hour range the outer loop (SQLite does not reorder it), so the plan stays one
        // range scan of its primary key whatever the planner guesses about the keys.
        sql.Append(byKey ? " CROSS JOIN k ON k.id = rollups_hourly.key_id" : string.Empty)
            .Append(" WHERE rollups_hourly.project_id = $project AND hour >= $from AND hour < $to");

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
