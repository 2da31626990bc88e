using System.Data.Common;
using System.Globalization;
using System.Text;
using Outlay.Core.Querying;

namespace Outlay.Storage.Relational;

/// <summary>
/// The engine-neutral half of answering a spend query from the single-dimension rollups: the range split and its
/// parameters, and the <c>dim_rows</c> common table expression. Whole UTC days inside the range are read from
/// <c>rollups_dim_daily</c> (except for hourly series), the hours at either end from <c>rollups_dim_hourly</c>. Each
/// engine appends its own SELECT over <c>dim_rows</c> (collation and bucket expressions differ). The dimension name,
/// every bound and every filter value are parameters; the SQL text comes from constants.
/// </summary>
/// <remarks>
/// A query whose filters all name the one dimension it groups by (or, with no group-by, all name one dimension) is
/// answered here too: "3 customers per day" reads those customers' rows of the customer rollup instead of every row of
/// the full hourly rollup. A filter never matches an absent tag, so such a query has no "(tag absent)" group.
/// </remarks>
internal static class DimensionRowsSql
{
    private const long SecondsPerDay = 86_400;

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

    /// <summary>
    /// True when <paramref name="query"/> has at most one group-by dimension and every filter (if any) is on that
    /// dimension, or, with no group-by, every filter is on one same dimension (any interval).
    /// </summary>
    public static bool CanAnswer(SpendQuery query) => query.GroupBy.Count <= 1 && TryGetOnlyDimension(query, out _);

    /// <summary>
    /// The one dimension <paramref name="query"/> groups by or filters on (null when it does neither); false when it
    /// names two different dimensions.
    /// </summary>
    private static bool TryGetOnlyDimension(SpendQuery query, out SpendDimension? dimension)
    {
        dimension = query.GroupBy.Count == 1 ? query.GroupBy[0] : null;
        foreach (var filter in query.Filters)
        {
            if (dimension is null)
            {
                dimension = filter.Dimension;
            }
            else if (!string.Equals(dimension.Name, filter.Dimension.Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Adds the six parameters (<c>project</c>, <c>dimension</c>, <c>from</c>, <c>day_from</c>, <c>day_to</c>,
    /// <c>to</c>, each named with <paramref name="parameterPrefix"/>) and returns the one dimension (grouped by or
    /// filtered on), or null. Filter values are added by <see cref="AddValueFilter"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="query"/> is not one <see cref="CanAnswer"/> accepts.</exception>
    public static SpendDimension? AddParameters(DbCommand command, string parameterPrefix, string projectId, SpendQuery query)
    {
        if (!CanAnswer(query))
        {
            throw new ArgumentException("Only queries that group by and filter on at most one dimension are answered here.", nameof(query));
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

        TryGetOnlyDimension(query, out var dimension);
        AddParameter(command, parameterPrefix + "project", projectId);
        AddParameter(command, parameterPrefix + "dimension", dimension?.Name ?? string.Empty);
        AddParameter(command, parameterPrefix + "from", from);
        AddParameter(command, parameterPrefix + "day_from", dayFrom);
        AddParameter(command, parameterPrefix + "day_to", dayTo);
        AddParameter(command, parameterPrefix + "to", to);
        return dimension;
    }

    /// <summary>
    /// Adds one parameter per filter value (<c>fFvV</c> with <paramref name="parameterPrefix"/>) and returns the
    /// condition on the rollup's <c>value</c> column (<c>AND value IN (…)</c> per filter, so two filters intersect), or
    /// an empty string when the query has no filter. Stored values are compared as the full rollup compares its columns:
    /// an unset column is stored and matched as <c>''</c>; an absent tag has no row, so it matches nothing.
    /// </summary>
    public static string AddValueFilter(DbCommand command, string parameterPrefix, SpendQuery query)
    {
        var condition = new StringBuilder();
        for (var f = 0; f < query.Filters.Count; f++)
        {
            condition.Append(" AND value IN (");
            var values = query.Filters[f].Values;
            for (var v = 0; v < values.Count; v++)
            {
                var name = parameterPrefix + "f" + f.ToString(CultureInfo.InvariantCulture) + "v" + v.ToString(CultureInfo.InvariantCulture);
                condition.Append(v == 0 ? string.Empty : ", ").Append(name);
                AddParameter(command, name, values[v]);
            }

            condition.Append(')');
        }

        return condition.ToString();
    }

    /// <summary>
    /// Appends <c>WITH dim_rows (value, hour, nine sums) AS (…)</c>. For a tag, <paramref name="typedNull"/> is the
    /// engine's null text literal (<c>NULL</c>, <c>NULL::text</c>) for the derived group of events without the tag.
    /// <paramref name="valueFilter"/> is <see cref="AddValueFilter"/>'s condition; with one, there is no such group.
    /// </summary>
    public static void AppendCommonTable(StringBuilder sql, string parameterPrefix, bool isTag, string typedNull, string valueFilter = "")
    {
        sql.Append("WITH dim_rows (").Append(RowColumns).Append(") AS (");
        AppendRows(sql, parameterPrefix, "value", parameterPrefix + "dimension", PositiveSums, valueFilter);
        if (isTag && valueFilter.Length == 0)
        {
            // Events without the tag are the totals (dimension '') minus every value present, so the tag's rows are
            // read twice: as themselves and negated into the null group. Per hour that remainder is never negative
            // and is zero in cost and tokens whenever it is zero in events, so a group left with no events is exactly
            // a group the full rollup would not have; the engine's HAVING SUM(events) > 0 drops it.
            sql.Append(" UNION ALL ");
            AppendRows(sql, parameterPrefix, typedNull, "''", PositiveSums);
            sql.Append(" UNION ALL ");
            AppendRows(sql, parameterPrefix, typedNull, parameterPrefix + "dimension", NegatedSums);
        }

        sql.Append(')');
    }

    /// <summary>
    /// Appends <c>, total_rows (value, hour, nine sums) AS (…)</c>: the project's totals (dimension <c>''</c>) over the
    /// same range split, each with <paramref name="typedNull"/> as its value. Follows <see cref="AppendCommonTable"/>.
    /// </summary>
    public static void AppendTotalRows(StringBuilder sql, string parameterPrefix, string typedNull)
    {
        sql.Append(", total_rows (").Append(RowColumns).Append(") AS (");
        AppendRows(sql, parameterPrefix, typedNull, "''", PositiveSums);
        sql.Append(')');
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static long FloorToDay(long seconds) => seconds - (((seconds % SecondsPerDay) + SecondsPerDay) % SecondsPerDay);

    private static long CeilingToDay(long seconds)
    {
        var floor = FloorToDay(seconds);
        return floor == seconds ? floor : floor + SecondsPerDay;
    }

    /// <summary>Appends the hourly head, daily middle and hourly tail of one dimension as three range scans.</summary>
    private static void AppendRows(StringBuilder sql, string prefix, string value, string dimension, string sums, string valueFilter = "")
    {
        sql.Append($"SELECT {value}, hour, {sums} FROM rollups_dim_hourly WHERE project_id = {prefix}project AND dimension = {dimension}")
            .Append($" AND hour >= {prefix}from AND hour < {prefix}day_from{valueFilter} UNION ALL SELECT {value}, day, {sums}")
            .Append($" FROM rollups_dim_daily WHERE project_id = {prefix}project AND dimension = {dimension}")
            .Append($" AND day >= {prefix}day_from AND day < {prefix}day_to{valueFilter} UNION ALL SELECT {value}, hour, {sums}")
            .Append($" FROM rollups_dim_hourly WHERE project_id = {prefix}project AND dimension = {dimension}")
            .Append($" AND hour >= {prefix}day_to AND hour < {prefix}to{valueFilter}");
    }
}
