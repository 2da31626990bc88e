using System.Text;
using Microsoft.Data.Sqlite;
using Outlay.Core.Querying;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// Answers unfiltered spend queries with at most one group-by dimension from <c>rollups_dim_hourly</c>, with the
/// same columns, values and row order as <see cref="SpendQuerySql"/> over <c>rollups_hourly</c>. The dimension name
/// is a bound parameter; the only SQL text chosen per query is from constants below.
/// </summary>
internal static class DimensionSpendQuerySql
{
    private const string Sums = """
        SUM(cost_nano) AS cost, SUM(events), SUM(unpriced_events), SUM(input_tokens), SUM(output_tokens),
        SUM(cache_read_tokens), SUM(cache_write_tokens) + SUM(cache_write_1h_tokens), SUM(reasoning_tokens)
        """;

    private const string InRange = "project_id = $project AND dimension = $dimension AND hour >= $from AND hour < $to";

    // Events without the tag are the totals (dimension '') minus every value present, so the tag's rows are read
    // twice: once as themselves and once negated into the null group. Per hour that remainder is never negative and is
    // zero in cost and tokens whenever it is zero in events, so a group with no events left is exactly a group the full
    // rollup would not have; HAVING drops it. One pass and one GROUP BY, with no join between hours.
    private const string TagRowsCte = """
        WITH tag_rows AS (
            SELECT value, hour, cost_nano, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens,
                cache_write_tokens, cache_write_1h_tokens, reasoning_tokens
            FROM rollups_dim_hourly
            WHERE project_id = $project AND dimension = $dimension AND hour >= $from AND hour < $to
            UNION ALL
            SELECT NULL, hour, cost_nano, events, unpriced_events, input_tokens, output_tokens, cache_read_tokens,
                cache_write_tokens, cache_write_1h_tokens, reasoning_tokens
            FROM rollups_dim_hourly
            WHERE project_id = $project AND dimension = '' AND hour >= $from AND hour < $to
            UNION ALL
            SELECT NULL, hour, -cost_nano, -events, -unpriced_events, -input_tokens, -output_tokens, -cache_read_tokens,
                -cache_write_tokens, -cache_write_1h_tokens, -reasoning_tokens
            FROM rollups_dim_hourly
            WHERE project_id = $project AND dimension = $dimension AND hour >= $from AND hour < $to
        )
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

        var dimension = query.GroupBy.Count == 1 ? query.GroupBy[0] : null;
        var sql = new StringBuilder();
        string source;
        if (dimension?.TagName is not null)
        {
            sql.Append(TagRowsCte);
            source = "tag_rows";
        }
        else
        {
            source = "rollups_dim_hourly";
        }

        sql.Append("SELECT ");
        var groups = new List<string>(2);
        if (dimension is not null)
        {
            // Column values are stored as '' when unset and reported as null, as the full rollup path does; a tag's
            // value is stored as sent ('' included) and only the derived absent row is null.
            sql.Append(dimension.IsTag ? "value" : "NULLIF(value, '')").Append(" AS d0, ");
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

        sql.Append(Sums).Append(" FROM ").Append(source);
        if (source == "rollups_dim_hourly")
        {
            sql.Append(" WHERE ").Append(InRange);
        }

        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$dimension", dimension?.Name ?? string.Empty);
        command.Parameters.AddWithValue("$from", HourAlignment.Floor(query.From).ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$to", HourAlignment.Ceiling(query.To).ToUnixTimeSeconds());

        if (groups.Count > 0)
        {
            sql.Append(" GROUP BY ").AppendJoin(", ", groups);
            if (source == "tag_rows")
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
}
