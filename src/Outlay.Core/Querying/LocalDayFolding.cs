namespace Outlay.Core.Querying;

/// <summary>Folds an hourly spend series into the local days of a query's time zone (see <see cref="SpendQueries.RunAsync"/>).</summary>
internal static class LocalDayFolding
{
    public static SpendResult Fold(SpendResult hourly, SpendQuery query)
    {
        var zone = query.TimeZone;
        var groups = new Dictionary<GroupKey, Accumulator>();
        foreach (var row in hourly.Rows)
        {
            var hour = row.Bucket ?? throw new InvalidOperationException("An hourly series row has no bucket.");
            var key = new GroupKey(ValuesOf(row, query), LocalTime.DayOf(hour, zone));
            if (!groups.TryGetValue(key, out var sum))
            {
                sum = new Accumulator(row.Dimensions);
                groups.Add(key, sum);
            }

            sum.Add(row);
        }

        var rows = new List<SpendRow>(groups.Count);
        foreach (var (key, sum) in groups)
        {
            rows.Add(sum.ToRow(LocalTime.StartOfDay(key.Day, zone)));
        }

        rows.Sort(new SpendRowOrder(query.GroupBy));
        return new SpendResult(rows, hourly.TotalCostNanoUsd, hourly.UnpricedEvents);
    }

    private static string ValuesOf(SpendRow row, SpendQuery query)
    {
        // Unit separators cannot occur in stored values; "\u0000" marks unset so it differs from "".
        var parts = new string[query.GroupBy.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = row.Dimensions.TryGetValue(query.GroupBy[i].Name, out var value) && value is not null ? "v" + value : "\u0000";
        }

        return string.Join('\u001f', parts);
    }

    private readonly record struct GroupKey(string Values, DateOnly Day);

    private sealed class Accumulator(IReadOnlyDictionary<string, string?> dimensions)
    {
        private long _cost;
        private long _events;
        private long _input;
        private long _output;
        private long _cacheRead;
        private long _cacheWrite;
        private long _reasoning;
        private long _unpriced;

        public void Add(SpendRow row)
        {
            // Like the store's sums: exact or an OverflowException, never a wrapped number.
            checked
            {
                _cost += row.CostNanoUsd;
                _events += row.Events;
                _input += row.InputTokens;
                _output += row.OutputTokens;
                _cacheRead += row.CacheReadTokens;
                _cacheWrite += row.CacheWriteTokens;
                _reasoning += row.ReasoningTokens;
                _unpriced += row.UnpricedEvents;
            }
        }

        public SpendRow ToRow(DateTimeOffset bucket) =>
            new(dimensions, bucket, _cost, _events, _input, _output, _cacheRead, _cacheWrite, _reasoning, _unpriced);
    }
}
