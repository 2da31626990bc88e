using System.Text.Json;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Refuses a write that could push any rollup sum past 2^63-1. Every rollup row of an hour is a part of that hour's
/// project total (the '' row of <c>rollups_dim_hourly_data</c>; measures are never negative), so checking the hour
/// totals after the write bounds every row, and background merges of the Int64 sums can never wrap. The append reads
/// the totals in the same request as its id lookup (<see cref="TotalsSql"/>); re-pricing calls <see cref="EnsureFitsAsync"/>.
/// </summary>
internal static class HourlyOverflowCheck
{
    /// <summary>The totals' column names, in the order of <see cref="Accumulate"/>'s measures.</summary>
    public static readonly string[] Columns = ["c", "i", "o", "cr", "cw", "cw1", "r"];

    private const string Message =
        "A rollup sum would exceed 2^63-1 (about $9.2 billion in nano-dollars, or that many tokens); the batch was not stored.";

    /// <exception cref="OverflowException">A project-hour sum of cost or a token count would pass 2^63-1.</exception>
    public static async Task EnsureFitsAsync(
        ClickHouseHttp http, string projectId, IReadOnlyList<EventRow> added, IReadOnlyList<EventRow> removed, CancellationToken cancellationToken)
    {
        var deltas = Deltas(added, removed);
        foreach (var row in await http.QueryAsync(TotalsSql(projectId, deltas.Keys), cancellationToken).ConfigureAwait(false))
        {
            AddStored(deltas, row);
        }

        ThrowIfOver(deltas);
    }

    /// <summary>
    /// SELECT of the stored totals of <paramref name="hours"/> (columns <c>hour</c> and <see cref="Columns"/>, each
    /// Decimal128(0)), optionally with a constant first column so it can be a branch of a UNION ALL.
    /// </summary>
    public static string TotalsSql(string projectId, IEnumerable<long> hours, string prefix = "") => $"""
        SELECT {prefix}hour, sum(toDecimal128(s_cost_nano, 0)) AS c, sum(toDecimal128(s_input_tokens, 0)) AS i, sum(toDecimal128(s_output_tokens, 0)) AS o,
            sum(toDecimal128(s_cache_read_tokens, 0)) AS cr, sum(toDecimal128(s_cache_write_tokens, 0)) AS cw,
            sum(toDecimal128(s_cache_write_1h_tokens, 0)) AS cw1, sum(toDecimal128(s_reasoning_tokens, 0)) AS r
        FROM rollups_dim_hourly_data WHERE project_id = {ClickHouseSql.Quote(projectId)} AND dimension = '' AND hour IN ({string.Join(", ", hours.Select(ClickHouseSql.Number))})
        GROUP BY hour
        """;

    /// <summary>Per hour, what the write adds (<paramref name="added"/> minus <paramref name="removed"/>) to each measure.</summary>
    public static Dictionary<long, Int128[]> Deltas(IReadOnlyList<EventRow> added, IReadOnlyList<EventRow> removed)
    {
        var deltas = new Dictionary<long, Int128[]>();
        Accumulate(deltas, added, 1);
        Accumulate(deltas, removed, -1);
        return deltas;
    }

    /// <summary>Adds one stored hour's totals (a row of <see cref="TotalsSql"/>) to that hour's delta, if the write touches the hour.</summary>
    public static void AddStored(Dictionary<long, Int128[]> deltas, JsonElement row)
    {
        if (!deltas.TryGetValue(Json.Int64(row.GetProperty("hour")), out var delta))
        {
            return;
        }

        for (var m = 0; m < Columns.Length; m++)
        {
            delta[m] += Json.Big(row.GetProperty(Columns[m]));
        }
    }

    /// <exception cref="OverflowException">A total after the write would pass 2^63-1.</exception>
    public static void ThrowIfOver(Dictionary<long, Int128[]> totals)
    {
        if (totals.Values.Any(hour => hour.Any(t => t > long.MaxValue)))
        {
            throw new OverflowException(Message);
        }
    }

    private static void Accumulate(Dictionary<long, Int128[]> deltas, IReadOnlyList<EventRow> rows, int sign)
    {
        foreach (var row in rows)
        {
            if (!deltas.TryGetValue(row.Hour, out var totals))
            {
                totals = new Int128[Columns.Length];
                deltas.Add(row.Hour, totals);
            }

            var u = row.Usage;
            totals[0] += sign * (Int128)(row.CostNano ?? 0);
            totals[1] += sign * (Int128)u.InputTokens;
            totals[2] += sign * (Int128)u.OutputTokens;
            totals[3] += sign * (Int128)u.CacheReadTokens;
            totals[4] += sign * (Int128)u.CacheWriteTokens;
            totals[5] += sign * (Int128)u.CacheWrite1hTokens;
            totals[6] += sign * (Int128)u.ReasoningTokens;
        }
    }
}
