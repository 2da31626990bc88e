using System.Text;
using Npgsql;
using Outlay.Core.Querying;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>
/// Answers spend queries that group by and filter on at most one dimension from the single-dimension rollups, with the
/// same rows and order as <see cref="PostgresSpendQuerySql"/>. The range split and the <c>dim_rows</c> scans are
/// <see cref="DimensionRowsSql"/>'s (the same plan as the SQLite store's); this class adds PostgreSQL's SELECT over
/// them (byte-order collation, bigint sums).
/// </summary>
internal static class PostgresDimensionSpendQuerySql
{
    /// <summary>True when <paramref name="query"/> groups by and filters on at most one dimension (any interval).</summary>
    public static bool CanAnswer(SpendQuery query) => DimensionRowsSql.CanAnswer(query);

    public static void Build(NpgsqlCommand command, string projectId, SpendQuery query)
    {
        var dimension = DimensionRowsSql.AddParameters(command, "@", projectId, query);
        var valueFilter = DimensionRowsSql.AddValueFilter(command, "@", query);
        var isTag = dimension?.IsTag == true;
        var sql = new StringBuilder();
        DimensionRowsSql.AppendCommonTable(sql, "@", isTag, "NULL::text", valueFilter);

        sql.Append(" SELECT ");
        var groups = new List<string>(1);
        if (query.GroupBy.Count == 1)
        {
            sql.Append(isTag ? "(value COLLATE \"C\")" : "(NULLIF(value, '') COLLATE \"C\")").Append(" AS d0, ");
            groups.Add("d0");
        }

        var bucket = PostgresSpendQuerySql.AppendBucket(sql, query.Interval, "hour");
        sql.Append(PostgresSpendQuerySql.Sums).Append(" FROM dim_rows");
        PostgresSpendQuerySql.AppendGroupAndOrder(sql, groups, bucket, isTag && (groups.Count > 0 || bucket) ? "SUM(events) > 0" : null);
        command.CommandText = sql.ToString();
    }
}
