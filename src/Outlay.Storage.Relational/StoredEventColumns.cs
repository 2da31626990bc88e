using System.Data.Common;
using Outlay.Core.Events;

namespace Outlay.Storage.Relational;

/// <summary>
/// Reads the sixteen columns every engine selects, in this order, when it needs a stored event's rollup contribution
/// back: provider, model, operation, service, environment, key label, status, service tier, tags JSON (the rollup
/// key), cost in nano-USD (null when unpriced), then input, output, cache read, cache write, cache write 1 h and
/// reasoning tokens.
/// </summary>
internal static class StoredEventColumns
{
    /// <summary>The columns starting at <paramref name="first"/>, for an event that occurred at <paramref name="occurredUnixSeconds"/>.</summary>
    public static (RollupKey Key, long? CostNano, TokenUsage Usage) Read(DbDataReader reader, int first, long occurredUnixSeconds)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string Text(int ordinal) => reader.IsDBNull(ordinal) ? string.Empty : reader.GetString(ordinal);
        var key = new RollupKey(
            RollupKey.HourOf(occurredUnixSeconds),
            reader.GetString(first),
            reader.GetString(first + 1),
            reader.GetString(first + 2),
            Text(first + 3),
            Text(first + 4),
            Text(first + 5),
            reader.GetString(first + 6),
            reader.GetString(first + 7),
            reader.GetString(first + 8));
        long? cost = reader.IsDBNull(first + 9) ? null : reader.GetInt64(first + 9);
        var usage = new TokenUsage(
            reader.GetInt64(first + 10),
            reader.GetInt64(first + 11),
            reader.GetInt64(first + 12),
            reader.GetInt64(first + 13),
            reader.GetInt64(first + 14),
            reader.GetInt64(first + 15));
        return (key, cost, usage);
    }
}
