using System.Globalization;
using System.Text;
using Npgsql;
using Outlay.Core.Querying;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>
/// Builds the one statement that answers a <see cref="SpendQuery"/> from <c>rollups_hourly</c>, with the same rows in
/// the same order as the SQLite store: cost descending, then group values (unset first, then by UTF-8 bytes through
/// <c>COLLATE "C"</c>), then bucket. Column names come only from the constant switch in <see cref="SpendColumns.ColumnOf"/>; tag
/// names and every value are bound parameters, so no caller text ever becomes SQL.
/// </summary>
internal static class PostgresSpendQuerySql
{
    /// <summary>The eight sums in SpendRowReader order; SUM(bigint) is numeric, and the cast fails rather than round past 2^63-1.</summary>
    public const string Sums = """
        SUM(cost_nano)::bigint AS cost, SUM(events)::bigint, SUM(unpriced_events)::bigint, SUM(input_tokens)::bigint,
        SUM(output_tokens)::bigint, SUM(cache_read_tokens)::bigint, (SUM(cache_write_tokens) + SUM(cache_write_1h_tokens))::bigint,
        SUM(reasoning_tokens)::bigint
        """;

    public static void Build(NpgsqlCommand command, string projectId, SpendQuery query)
    {
        var sql = new StringBuilder("SELECT ");
        var groups = new List<string>();
        for (var i = 0; i < query.GroupBy.Count; i++)
        {
            var alias = "d" + i.ToString(CultureInfo.InvariantCulture);
            sql.Append(SelectExpression(command, query.GroupBy[i], "g" + i.ToString(CultureInfo.InvariantCulture)))
                .Append(" AS ").Append(alias).Append(", ");
            groups.Add(alias);
        }

        var bucket = AppendBucket(sql, query.Interval, "hour");
        sql.Append(Sums).Append(" FROM rollups_hourly WHERE project_id = @project AND hour >= @from AND hour < @to");
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("from", HourAlignment.Floor(query.From).ToUnixTimeSeconds());
        command.Parameters.AddWithValue("to", HourAlignment.Ceiling(query.To).ToUnixTimeSeconds());

        for (var f = 0; f < query.Filters.Count; f++)
        {
            AppendFilter(sql, command, query.Filters[f], "f" + f.ToString(CultureInfo.InvariantCulture));
        }

        AppendGroupAndOrder(sql, groups, bucket, having: null);
        command.CommandText = sql.ToString();
    }

    /// <summary>Appends the bucket column for an hourly or daily series; returns whether there is one.</summary>
    public static bool AppendBucket(StringBuilder sql, SpendInterval interval, string hourColumn)
    {
        switch (interval)
        {
            case SpendInterval.Hour:
                sql.Append(hourColumn).Append(" AS bucket, ");
                return true;
            case SpendInterval.Day:
                // Hours are UTC Unix seconds, so whole UTC days are multiples of 86 400 (truncating %, as SQLite's).
                sql.Append(hourColumn).Append(" - (").Append(hourColumn).Append(" % 86400) AS bucket, ");
                return true;
            default:
                return false;
        }
    }

    /// <summary>GROUP BY the groups and bucket; ORDER BY cost descending, then groups with nulls first, then bucket.</summary>
    public static void AppendGroupAndOrder(StringBuilder sql, List<string> groups, bool bucket, string? having)
    {
        var all = new List<string>(groups);
        if (bucket)
        {
            all.Add("bucket");
        }

        if (all.Count > 0)
        {
            sql.Append(" GROUP BY ").AppendJoin(", ", all);
            if (having is not null)
            {
                sql.Append(" HAVING ").Append(having);
            }
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

        sql.Append(';');
    }

    private static string SelectExpression(NpgsqlCommand command, SpendDimension dimension, string tagParameter)
    {
        if (dimension.TagName is { } tag)
        {
            command.Parameters.AddWithValue(tagParameter, tag);
            return "((tags ->> @" + tagParameter + ") COLLATE \"C\")";
        }

        // Optional dimensions are stored as '' in rollup keys; report them as null (unset).
        return "NULLIF(" + SpendColumns.ColumnOf(dimension) + ", '')";
    }

    private static void AppendFilter(StringBuilder sql, NpgsqlCommand command, SpendFilter filter, string prefix)
    {
        string target;
        if (filter.Dimension.TagName is { } tag)
        {
            command.Parameters.AddWithValue(prefix + "t", tag);
            target = "(tags ->> @" + prefix + "t)";
        }
        else
        {
            target = SpendColumns.ColumnOf(filter.Dimension);
        }

        sql.Append(" AND ").Append(target).Append(" IN (");
        for (var v = 0; v < filter.Values.Count; v++)
        {
            var name = prefix + "v" + v.ToString(CultureInfo.InvariantCulture);
            sql.Append(v == 0 ? "@" : ", @").Append(name);
            command.Parameters.AddWithValue(name, filter.Values[v]);
        }

        sql.Append(')');
    }
}
