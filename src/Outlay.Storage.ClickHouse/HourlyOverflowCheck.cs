namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Refuses a write that could push any rollup sum past 2^63-1. Every rollup row of an hour is a part of that hour's
/// project total (the '' row of <c>rollups_dim_hourly_data</c>; measures are never negative), so checking the hour
/// totals after the write bounds every row, and background merges of the Int64 sums can never wrap.
/// </summary>
internal static class HourlyOverflowCheck
{
    private const int Measures = 7;

    /// <exception cref="OverflowException">A project-hour sum of cost or a token count would pass 2^63-1.</exception>
    public static async Task EnsureFitsAsync(
        ClickHouseHttp http, string projectId, IReadOnlyList<EventRow> added, IReadOnlyList<EventRow> removed, CancellationToken cancellationToken)
    {
        var deltas = new Dictionary<long, Int128[]>();
        Accumulate(deltas, added, 1);
        Accumulate(deltas, removed, -1);
        var hours = string.Join(", ", deltas.Keys.Select(ClickHouseSql.Number));
        var sql = $"""
            SELECT hour, sum(toDecimal128(s_cost_nano, 0)) AS c, sum(toDecimal128(s_input_tokens, 0)) AS i, sum(toDecimal128(s_output_tokens, 0)) AS o,
                sum(toDecimal128(s_cache_read_tokens, 0)) AS cr, sum(toDecimal128(s_cache_write_tokens, 0)) AS cw,
                sum(toDecimal128(s_cache_write_1h_tokens, 0)) AS cw1, sum(toDecimal128(s_reasoning_tokens, 0)) AS r
            FROM rollups_dim_hourly_data WHERE project_id = {ClickHouseSql.Quote(projectId)} AND dimension = '' AND hour IN ({hours})
            GROUP BY hour
            """;
        foreach (var row in await http.QueryAsync(sql, cancellationToken).ConfigureAwait(false))
        {
            var delta = deltas[Json.Int64(row.GetProperty("hour"))];
            string[] names = ["c", "i", "o", "cr", "cw", "cw1", "r"];
            for (var m = 0; m < Measures; m++)
            {
                delta[m] += Json.Big(row.GetProperty(names[m]));
            }
        }

        if (deltas.Values.Any(totals => totals.Any(t => t > long.MaxValue)))
        {
            throw new OverflowException(
                "A rollup sum would exceed 2^63-1 (about $9.2 billion in nano-dollars, or that many tokens); the batch was not stored.");
        }
    }

    private static void Accumulate(Dictionary<long, Int128[]> deltas, IReadOnlyList<EventRow> rows, int sign)
    {
        foreach (var row in rows)
        {
            if (!deltas.TryGetValue(row.Hour, out var totals))
            {
                totals = new Int128[Measures];
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
