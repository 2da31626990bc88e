using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Reads a project's events back for a migration, a page at a time in id order, and sums them. Pages are found
/// through the id ledger (<c>event_ids</c>, ordered by project then id, so "the next N ids" is one index range),
/// then the ids' current versions are read from the log by (project, hours, ids) and collapsed exactly as the
/// <c>events</c> view does: grouped by every stored column, kept when their signs sum above zero. Exact whether or not
/// merges have run.
/// </summary>
internal static class ClickHouseTransferEvents
{
    public static async Task<EventPage> ReadPageAsync(ClickHouseHttp http, string projectId, string? cursor, int limit, CancellationToken cancellationToken)
    {
        var project = ClickHouseSql.Quote(projectId);

        // '' sorts before every id. The ledger can hold an id more than once (one row per hour it was stored under, and
        // copies until a merge), so the page holds at most `limit` distinct ids; the next page starts after the last.
        var idRows = await http.QueryAsync(
            $"SELECT id FROM event_ids WHERE project_id = {project} AND id > {ClickHouseSql.Quote(cursor ?? string.Empty)} ORDER BY id LIMIT {ClickHouseSql.Number(limit)}",
            cancellationToken).ConfigureAwait(false);
        if (idRows.Count == 0)
        {
            return new EventPage([], null);
        }

        var ids = idRows.Select(r => r.GetProperty("id").GetString()!).Distinct(StringComparer.Ordinal).ToList();
        var idList = ClickHouseSql.InList(ids);

        // Every hour an id was stored under (a richer replacement can move it), so the log read is a key range per hour.
        var hourRows = await http.QueryAsync(
            $"SELECT DISTINCT hour FROM event_ids WHERE project_id = {project} AND id IN {idList}", cancellationToken).ConfigureAwait(false);
        var hours = string.Join(", ", hourRows.Select(r => ClickHouseSql.Number(Json.Int64(r.GetProperty("hour")))));
        var rows = await http.QueryAsync(
            $"""
            SELECT {ClickHouseSchemaV1.EventVersionColumns}
            FROM events_log
            WHERE project_id = {project} AND hour IN ({hours}) AND id IN {idList}
            GROUP BY {ClickHouseSchemaV1.EventVersionColumns}
            HAVING sum(sign) > 0
            ORDER BY id
            """,
            cancellationToken).ConfigureAwait(false);
        var events = new List<PricedEvent>(rows.Count);
        foreach (var row in rows)
        {
            events.Add(ToPriced(EventRow.Read(row)));
        }

        return new EventPage(events, ids[^1]);
    }

    public static async Task<EventTotals> ReadTotalsAsync(ClickHouseHttp http, string projectId, CancellationToken cancellationToken)
    {
        // Signed sums over the raw log: a cancel row is an exact copy of its original with sign -1, so it takes back
        // exactly what the original added, merged or not.
        var rows = await http.QueryAsync(
            $"""
            SELECT sum(toDecimal128(sign, 0)) AS ev, sum(toDecimal128(sign * isNull(cost_nano), 0)) AS unpriced,
                sum(toDecimal128(sign * ifNull(cost_nano, 0), 0)) AS cost, sum(toDecimal128(sign * input_tokens, 0)) AS inp,
                sum(toDecimal128(sign * output_tokens, 0)) AS outp, sum(toDecimal128(sign * cache_read_tokens, 0)) AS cr,
                sum(toDecimal128(sign * cache_write_tokens, 0)) AS cw, sum(toDecimal128(sign * cache_write_1h_tokens, 0)) AS cw1h,
                sum(toDecimal128(sign * reasoning_tokens, 0)) AS rs
            FROM events_log
            WHERE project_id = {ClickHouseSql.Quote(projectId)}
            """,
            cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0)
        {
            return EventTotals.Empty;
        }

        var r = rows[0];
        return new EventTotals(
            ClickHouseSpendQuery.Exact(r.GetProperty("ev")),
            ClickHouseSpendQuery.Exact(r.GetProperty("unpriced")),
            ClickHouseSpendQuery.Exact(r.GetProperty("cost")),
            ClickHouseSpendQuery.Exact(r.GetProperty("inp")),
            ClickHouseSpendQuery.Exact(r.GetProperty("outp")),
            ClickHouseSpendQuery.Exact(r.GetProperty("cr")),
            ClickHouseSpendQuery.Exact(r.GetProperty("cw")),
            ClickHouseSpendQuery.Exact(r.GetProperty("cw1h")),
            ClickHouseSpendQuery.Exact(r.GetProperty("rs")));
    }

    private static PricedEvent ToPriced(EventRow row)
    {
        var e = new UsageEvent
        {
            Id = Guid.Parse(row.Id),
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(row.OccurredMs),
            Provider = row.Provider,
            Model = row.Model,
            Operation = row.Operation,
            ServiceTier = row.ServiceTier,
            Status = row.Status,
            LatencyMs = row.LatencyMs,
            Service = row.Service,
            Environment = row.Environment,
            Instance = row.Instance,
            KeyLabel = row.KeyLabel,
            Tags = row.Tags,
            Usage = row.Usage,
            ClientCostUsd = row.ClientCostNano is { } clientNano ? NanoUsd.ToUsd(clientNano) : null,
        };

        // The breakdown is not stored; an unpriced event keeps its price id and resolved model as stored (both engines do).
        var price = new CostResult(row.CostNano is not null, row.CostNano, new Dictionary<string, long>(0), row.PriceId, row.ResolvedModel);
        return new PricedEvent(e, price, DateTimeOffset.FromUnixTimeMilliseconds(row.ReceivedMs));
    }
}
