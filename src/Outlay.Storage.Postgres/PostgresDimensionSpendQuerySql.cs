using System.Text;
using Npgsql;
using Outlay.Core.Querying;

namespace Outlay.Storage.Postgres;

/// <summary>
/// Answers unfiltered spend queries with at most one group-by dimension from the single-dimension rollups, with the
/// same rows and order as <see cref="PostgresSpendQuerySql"/>: whole UTC days inside the range from
/// <c>rollups_dim_daily</c> (except for hourly series), the hours at either end from <c>rollups_dim_hourly</c>. The same
/// plan as the SQLite store's; the dimension name and every bound are parameters.
/// </summary>
internal static class PostgresDimensionSpendQuerySql
{
    private const long SecondsPerDay = 86_400;

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

    public static void Build(NpgsqlCommand command, string projectId, SpendQuery query)
    {
        if (!CanAnswer(query))
        {
            throw new ArgumentException("Only unfiltered queries with at most one group-by dimension are answered here.", nameof(query));
        }

        var from = HourAlignment.Floor(query.From).ToUnixTimeSeconds();
        var to = HourAlignment.Ceiling(query.To).ToUnixTimeSeconds();
        var dayFrom = CeilingToDay(from);
        var dayTo = FloorToDay(to);
        if (query.Interval == SpendInterval.Hour || dayFrom >= dayTo)
        {
            dayFrom = to;
            dayTo = to;
        }

        var dimension = query.GroupBy.Count == 1 ? query.GroupBy[0] : null;
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("dimension", dimension?.Name ?? string.Empty);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("day_from", dayFrom);
        command.Parameters.AddWithValue("day_to", dayTo);
        command.Parameters.AddWithValue("to", to);

        var sql = new StringBuilder("WITH dim_rows (value, hour, cost_nano, events, unpriced_events, input_tokens, output_tokens, ")
            .Append("cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens) AS (");
        var isTag = dimension?.IsTag == true;
        AppendRows(sql, "value", "@dimension", PositiveSums);
        if (isTag)
        {
            // Events without the tag are the totals (dimension '') minus every value present: see the SQLite store's
            // DimensionSpendQuerySql for why the remainder is exact and HAVING drops only empty groups.
            sql.Append(" UNION ALL ");
            AppendRows(sql, "NULL::text", "''", PositiveSums);
            sql.Append(" UNION ALL ");
            AppendRows(sql, "NULL::text", "@dimension", NegatedSums);
        }

        sql.Append(") SELECT ");
        var groups = new List<string>(1);
        if (dimension is not null)
        {
            sql.Append(isTag ? "(value COLLATE \"C\")" : "(NULLIF(value, '') COLLATE \"C\")").Append(" AS d0, ");
            groups.Add("d0");
        }

        var bucket = PostgresSpendQuerySql.AppendBucket(sql, query.Interval, "hour");
        sql.Append(PostgresSpendQuerySql.Sums).Append(" FROM dim_rows");
        PostgresSpendQuerySql.AppendGroupAndOrder(sql, groups, bucket, isTag && (groups.Count > 0 || bucket) ? "SUM(events) > 0" : null);
        command.CommandText = sql.ToString();
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
            .Append(" FROM rollups_dim_hourly WHERE project_id = @project AND dimension = ").Append(dimension)
            .Append(" AND hour >= @from AND hour < @day_from UNION ALL SELECT ").Append(value).Append(", day, ").Append(sums)
            .Append(" FROM rollups_dim_daily WHERE project_id = @project AND dimension = ").Append(dimension)
            .Append(" AND day >= @day_from AND day < @day_to UNION ALL SELECT ").Append(value).Append(", hour, ").Append(sums)
            .Append(" FROM rollups_dim_hourly WHERE project_id = @project AND dimension = ").Append(dimension)
            .Append(" AND hour >= @day_to AND hour < @to");
    }
}
