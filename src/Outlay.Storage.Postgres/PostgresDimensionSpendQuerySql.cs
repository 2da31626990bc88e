using System.Text;
using Npgsql;
using Outlay.Core.Querying;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>
/// Answers unfiltered spend queries with at most one group-by dimension from the single-dimension rollups, with the
/// same rows and order as <see cref="PostgresSpendQuerySql"/>. The range split and the <c>dim_rows</c> scans are
/// <see cref="DimensionRowsSql"/>'s (the same plan as the SQLite store's); this class adds PostgreSQL's SELECT over
/// them (byte-order collation, bigint sums).
/// </summary>
internal static class PostgresDimensionSpendQuerySql
{
    /// <summary>True when <paramref name="query"/> has no filters and at most one group-by dimension (any interval).</summary>
    public static bool CanAnswer(SpendQuery query) => DimensionRowsSql.CanAnswer(query);

    public static void Build(NpgsqlCommand command, string projectId, SpendQuery query)
    {
        var dimension = DimensionRowsSql.AddParameters(command, "@", projectId, query);
        var isTag = dimension?.IsTag == true;
        var sql = new StringBuilder();
        DimensionRowsSql.AppendCommonTable(sql, "@", isTag, "NULL::text");

        sql.Append(" SELECT ");
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
}
