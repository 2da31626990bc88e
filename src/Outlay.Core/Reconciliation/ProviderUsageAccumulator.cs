namespace Outlay.Core.Reconciliation;

/// <summary>
/// Collects the records read from one file, summing rows that share a natural key (hourly buckets of one day, or a
/// file that repeats a key), and holds the file to <see cref="UsageImportLimits.MaxRows"/>.
/// </summary>
internal sealed class ProviderUsageAccumulator
{
    private readonly Dictionary<(string Provider, DateTimeOffset Day, string Key, string Project, string Model, string Tier), ProviderUsageRecord> byKey = [];

    public int RowsRead { get; private set; }

    public void Add(ProviderUsageRecord record, string place)
    {
        RowsRead++;
        if (RowsRead > UsageImportLimits.MaxRows)
        {
            throw new UsageImportException($"{place}: the file has more than {UsageImportLimits.MaxRows:N0} rows.");
        }

        // A day after the import (a day of slack for clocks) is not usage yet; near the end of the calendar it would
        // also overflow the day arithmetic of reconciliation.
        if (record.Day > record.ImportedAt.AddDays(1))
        {
            throw new UsageImportException($"{place}: the day is after the import; usage cannot come from the future.");
        }

        // A credential pasted into an export (or a key id column holding the key itself) must not be stored.
        foreach (var (field, value) in new[] { ("provider", record.Provider), ("key id", record.ProviderKeyId), ("project", record.ProviderProject), ("model", record.Model), ("service tier", record.ServiceTier) })
        {
            if (Security.SecretDetector.DetectFormat(value) is { } format)
            {
                throw new UsageImportException($"{place}: the {field} looks like a credential ({format}); nothing was imported. Remove it and import again.");
            }
        }

        var key = (record.Provider, record.Day, record.ProviderKeyId, record.ProviderProject, record.Model, record.ServiceTier);
        if (!byKey.TryGetValue(key, out var existing))
        {
            byKey[key] = record;
            return;
        }

        byKey[key] = existing with
        {
            Requests = SumOrNull(existing.Requests, record.Requests, place),
            InputTokens = Sum(existing.InputTokens, record.InputTokens, place),
            OutputTokens = Sum(existing.OutputTokens, record.OutputTokens, place),
            CacheReadTokens = Sum(existing.CacheReadTokens, record.CacheReadTokens, place),
            CacheWriteTokens = Sum(existing.CacheWriteTokens, record.CacheWriteTokens, place),
            CostNanoUsd = existing.CostNanoUsd is null && record.CostNanoUsd is null
                ? null
                : checked((existing.CostNanoUsd ?? 0) + (record.CostNanoUsd ?? 0)),
        };
    }

    public IReadOnlyList<ProviderUsageRecord> ToList() =>
        byKey.Values
            .OrderBy(r => r.Day)
            .ThenBy(r => r.Provider, StringComparer.Ordinal)
            .ThenBy(r => r.ProviderKeyId, StringComparer.Ordinal)
            .ThenBy(r => r.ProviderProject, StringComparer.Ordinal)
            .ThenBy(r => r.Model, StringComparer.Ordinal)
            .ThenBy(r => r.ServiceTier, StringComparer.Ordinal)
            .ToList();

    private static long? SumOrNull(long? a, long? b, string place) =>
        a is null && b is null ? null : Sum(a ?? 0, b ?? 0, place);

    private static long Sum(long a, long b, string place)
    {
        var sum = a + b;
        if (sum > UsageImportLimits.MaxCount)
        {
            throw new UsageImportException($"{place}: rows of one day, key and model add up to more than {UsageImportLimits.MaxCount:N0}.");
        }

        return sum;
    }
}
