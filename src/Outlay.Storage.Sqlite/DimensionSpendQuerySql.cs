using System.Text;
using Microsoft.Data.Sqlite;
using Outlay.Core.Querying;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Answers unfiltered spend queries with at most one group-by dimension from the single-dimension rollups, with the
/// same columns, values and row order as <see cref="SpendQuerySql"/> over <c>rollups_hourly</c>. Whole UTC days
/// inside the range are read from <c>rollups_dim_daily</c> (except for hourly series), the hours at either end from
/// <c>rollups_dim_hourly</c>. The dimension name and every bound are parameters; the SQL text comes from constants.
/// </summary>
internal static class DimensionSpendQuerySql
{
    private const long SecondsPerDay = 86_400;

    private const string Sums = """
        SUM(cost_nano) AS cost, SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens),
        SUM(cache_read_tokens), SUM(cache_write_tokens) + SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        """;

    private const string RowColumns = """
        value, hour, cost_nano, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens,
        cache_write_tokens, cache_write_1h_tokens, reasoning_tokens
        """;

    private const string PositiveSums = """
        cost_nano, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens,
        cache_write_tokens, cache_write_1h_tokens, reasoning_tokens
        """;

    private const string NegatedSums = """
        -cost_nano, -events, -unpriced_events, -input_tokens, -output_tokens, -cache_read_tokens,
        -cache_write_tokens, -cache_write_1h_tokens, -reasoning_tokens
        """;

    /// <summary>True when <paramref name="query"/> has no filters and at most one group-by dimension (any interval).</summary>
    public static bool CanAnswer(SpendQuery query) =>
        query.Filters.Count == 0 && query.GroupBy.Count <= 1;

    public static void Build(SqliteCommand command, string projectId, SpendQuery query)
    {
        if (!CanAnswer(query))
        {
            throw new ArgumentException("Only unfiltered queries with at most one group-by dimension are answered here.", nameof(query));
        }

        var from = HourAlignment.Floor(query.From).ToUnixTimeSeconds();
        var to = HourAlignment.Ceiling(query.To).ToUnixTimeSeconds();

        // [from, dayFrom) and [dayTo, to) are read hourly, [dayFrom, dayTo) daily; with no whole day inside the range
        // (or an hourly series) both day bounds are 'to', so the daily part and the tail are empty.
        var dayFrom = CeilingToDay(from);
        var dayTo = FloorToDay(to);
        if (query.Interval == SpendInterval.Hour || dayFrom >= dayTo)
        {
            dayFrom = to;
            dayTo = to;
        }

        var dimension = query.GroupBy.Count == 1 ? query.GroupBy[0] : null;
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$dimension", dimension?.Name ?? string.Empty);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$day_from", dayFrom);
        command.Parameters.AddWithValue("$day_to", dayTo);
        command.Parameters.AddWithValue("$to", to);

        var sql = new StringBuilder("WITH dim_rows (").Append(RowColumns).Append(") AS (");
        var isTag = dimension?.IsTag == true;
        if (isTag)
        {
            // Events without the tag are the totals (dimension '') minus every value present, so the tag's rows are
            // read twice: as themselves and negated into the null group. Per hour that remainder is never negative
            // and is zero in cost and tokens whenever it is zero in events, so a group left with no events is exactly
            // a group the full rollup would not have; HAVING drops it.
            AppendRows(sql, "value", "$dimension", PositiveSums);
            sql.Append(" UNION ALL ");
            AppendRows(sql, "NULL", "''", PositiveSums);
            sql.Append(" UNION ALL ");
            AppendRows(sql, "NULL", "$dimension", NegatedSums);
        }
        else
        {
            AppendRows(sql, "value", "$dimension", PositiveSums);
        }

        sql.Append(") SELECT ");
        var groups = new List<string>(2);
        if (dimension is not null)
        {
            // Column values are stored as '' when unset and reported as null, as the full rollup path does; a tag's
            // value is stored as sent ('' included) and only the derived absent group is null.
            sql.Append(isTag ? "value" : "NULLIF(value, '')").Append(" AS d0, ");
            groups.Add("d0");
        }

        switch (query.Interval)
        {
            case SpendInterval.Hour:
                sql.Append("hour AS bucket, ");
                groups.Add("bucket");
                break;
            case SpendInterval.Day:
                sql.Append("hour - (hour % 86400) AS bucket, ");
                groups.Add("bucket");
                break;
        }

        sql.Append(Sums).Append(" FROM dim_rows");
        if (groups.Count > 0)
        {
            sql.Append(" GROUP BY ").AppendJoin(", ", groups);
            if (isTag)
            {
                sql.Append(" HAVING SUM(events) > 0");
            }
        }

        sql.Append(" ORDER BY cost DESC");
        foreach (var group in groups)
        {
            sql.Append(", ").Append(group);
        }

        command.CommandText = sql.Append(';').ToString();
    }

    private static long FloorToDay(long seconds) => seconds - (((seconds % SecondsPerDay) + SecondsPerDay) % SecondsPerDay);

    private static long CeilingToDay(long seconds)
    {
        var floor = FloorToDay(seconds);
        return floor == seconds ? floor : floor + SecondsPerDay;
    }

    /// <summary>Appends the hourly head, daily middle and hourly tail of one dimension as three range scans.</summary>
    private static void AppendRows(StringBuilder sql, string value, string dimension, string sums)
    {
        sql.Append("SELECT ").Append(value).Append(", hour, ").Append(sums)
            .Append(" FROM rollups_dim_hourly WHERE project_id = $project AND dimension = ").Append(dimension)
            .Append(" AND hour >= $from AND hour < $day_from UNION ALL SELECT ").Append(value).Append(", day, ").Append(sums)
            .Append(" FROM rollups_dim_daily WHERE project_id = $project AND dimension = ").Append(dimension)
            .Append(" AND day >= $day_from AND day < $day_to UNION ALL SELECT ").Append(value).Append(", hour, ").Append(sums)
            .Append(" FROM rollups_dim_hourly WHERE project_id = $project AND dimension = ").Append(dimension)
            .Append(" AND hour >= $day_to AND hour < $to");
    }
}
