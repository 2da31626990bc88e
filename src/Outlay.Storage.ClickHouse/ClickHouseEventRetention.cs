using System.Globalization;
using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Drops the event log's month partitions before a cutoff on every node (the log is partitioned by
/// <c>toYYYYMM(occurred_date)</c>), after keeping their credential places, and deletes the id ledger's rows of those
/// hours with a mutation (the ledger is not partitioned by month). The rollups are separate tables and keep every hour.
/// </summary>
internal static class ClickHouseEventRetention
{
    private static readonly TimeSpan MutationPoll = TimeSpan.FromMilliseconds(200);

    public static async Task<long> DeleteBeforeAsync(ClickHouseHttp http, ClickHouseStoreOptions options, IJobLock jobs, DateTimeOffset monthStart, CancellationToken cancellationToken)
    {
        var utc = monthStart.UtcDateTime;
        var cutoffMonth = (utc.Year * 100) + utc.Month;
        var cutoffDate = utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var cutoffHour = monthStart.ToUnixTimeSeconds();
        var local = options.Cluster is null ? string.Empty : "_local";
        long deleted;

        // The append lock keeps appends and re-pricing of every process out while months are counted, kept (a day at a
        // time) and dropped.
        var held = await AppendLocks.AcquireAsync(options, jobs, cancellationToken).ConfigureAwait(false);
        await using (held.ConfigureAwait(false))
        {
            // Current events only: a cancel row is an exact copy of its original (same partition) with sign -1, so the signed
            // sum counts each stored version once, merged or not. Through the Distributed table on a cluster (every shard).
            var counted = await http.QueryAsync(
                $"SELECT toInt64(sum(sign)) AS n FROM events_log WHERE occurred_date < toDate({ClickHouseSql.Quote(cutoffDate)})",
                cancellationToken).ConfigureAwait(false);
            deleted = counted.Count == 0 ? 0 : Json.Int64(counted[0].GetProperty("n"));

            foreach (var node in options.DdlNodes)
            {
                var nodeName = node.GetLeftPart(UriPartial.Authority);
                foreach (var month in await ExpiredMonthsAsync(http, options.Database, "events_log" + local, node, cutoffMonth, cancellationToken).ConfigureAwait(false))
                {
                    var first = new DateOnly(month / 100, month % 100, 1);
                    for (var day = first; day < first.AddMonths(1); day = day.AddDays(1))
                    {
                        await http.ExecuteAsync(
                            ClickHouseRetiredPlacesSql.SnapshotDay("credential_places_retired" + local, "events_log" + local, nodeName, day), cancellationToken, node).ConfigureAwait(false);
                    }

                    // The month came from system.parts and is a yyyyMM number, the partition expression's value.
                    await held.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
                    await http.ExecuteAsync($"ALTER TABLE events_log{local} DROP PARTITION {ClickHouseSql.Number(month)}", cancellationToken, node).ConfigureAwait(false);
                }

                // One mutation per node, and only when the ledger holds ids of those hours, so a repeat creates none.
                var old = await http.QueryAsync(
                    $"SELECT toInt64(count()) AS n FROM event_ids{local} WHERE hour < {ClickHouseSql.Number(cutoffHour)}", cancellationToken, node).ConfigureAwait(false);
                if (old.Count > 0 && Json.Int64(old[0].GetProperty("n")) > 0)
                {
                    await held.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
                    await http.ExecuteAsync($"ALTER TABLE event_ids{local} DELETE WHERE hour < {ClickHouseSql.Number(cutoffHour)}", cancellationToken, node).ConfigureAwait(false);
                }
            }
        }

        // Outside the lock: ingest need not wait while the mutation rewrites the ledger's parts.
        await WaitForLedgerMutationsAsync(http, options, "event_ids" + local, cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private static async Task<List<int>> ExpiredMonthsAsync(
        ClickHouseHttp http, string database, string table, Uri node, int cutoffMonth, CancellationToken cancellationToken)
    {
        var rows = await http.QueryAsync(
            $"SELECT DISTINCT partition FROM system.parts WHERE database = {ClickHouseSql.Quote(database)} AND table = {ClickHouseSql.Quote(table)} AND active",
            cancellationToken, node).ConfigureAwait(false);
        var months = new List<int>();
        foreach (var row in rows)
        {
            // Only a six-digit yyyyMM is ever put back into SQL.
            if (row.GetProperty("partition").GetString() is { Length: 6 } text
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var month)
                && month % 100 is >= 1 and <= 12
                && month < cutoffMonth)
            {
                months.Add(month);
            }
        }

        months.Sort();
        return months;
    }

    /// <summary>
    /// Waits (up to the request timeout) until no ledger mutation is pending on any node: 18.16 has no synchronous
    /// mutations. Until then the ledger can still list an id whose event is gone; ingest never accepts those months.
    /// </summary>
    private static async Task WaitForLedgerMutationsAsync(ClickHouseHttp http, ClickHouseStoreOptions options, string table, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + options.RequestTimeout;
        foreach (var node in options.DdlNodes)
        {
            while (true)
            {
                var pending = await http.QueryAsync(
                    $"SELECT toInt64(count()) AS n FROM system.mutations WHERE database = {ClickHouseSql.Quote(options.Database)} AND table = {ClickHouseSql.Quote(table)} AND is_done = 0",
                    cancellationToken, node).ConfigureAwait(false);
                if (pending.Count == 0 || Json.Int64(pending[0].GetProperty("n")) == 0 || DateTimeOffset.UtcNow >= deadline)
                {
                    break;
                }

                await Task.Delay(MutationPoll, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
