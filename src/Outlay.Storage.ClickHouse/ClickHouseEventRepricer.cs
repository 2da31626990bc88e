using System.Text;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Storage.Relational;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// Prices stored events again a page of <see cref="RepriceRequest.BatchSize"/> at a time, in (project, id) order. Each
/// page is read and written under the database's append lock (this process's gate and the control store's job lock,
/// see <see cref="AppendLocks"/>), so a richer copy from any process cannot replace an event between the read and the write; a changed event is one insert of a cancel row (−1, the stored version) and the re-priced
/// version (+1), which moves its contribution in every rollup through the materialized views.
/// </summary>
internal sealed class ClickHouseEventRepricer(ClickHouseHttp http, ClickHouseStoreOptions options, IJobLock jobs)
{
    public async Task<RepriceResult> RunAsync(RepriceRequest request, Func<StoredUsage, CostResult> price, CancellationToken cancellationToken)
    {
        var counts = new RepriceCounts();
        (string Project, string Id)? after = null;
        while (true)
        {
            var held = await AppendLocks.AcquireAsync(options, jobs, cancellationToken).ConfigureAwait(false);
            await using (held.ConfigureAwait(false))
            {
                var page = await NextPageAsync(request, after, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    return counts.ToResult();
                }

                var cancels = new List<EventRow>();
                var repriced = new List<EventRow>();
                var pageCounts = new RepriceCounts();
                foreach (var stored in page)
                {
                    var result = price(new StoredUsage(stored.Provider, stored.Model, stored.Usage, stored.ServiceTier, DateTimeOffset.FromUnixTimeMilliseconds(stored.OccurredMs)));
                    var cost = result.Priced && result.CostNanoUsd is { } nano ? nano : (long?)null;
                    var changed = cost != stored.CostNano
                        || !string.Equals(result.PriceId, stored.PriceId, StringComparison.Ordinal)
                        || !string.Equals(result.ResolvedModel, stored.ResolvedModel, StringComparison.Ordinal);
                    pageCounts.Add(stored.CostNano, cost, changed);
                    if (changed && !request.DryRun)
                    {
                        cancels.Add(stored);
                        repriced.Add(stored.WithPrice(cost, result.PriceId, result.ResolvedModel));
                    }
                }

                foreach (var project in repriced.GroupBy(r => r.ProjectId, StringComparer.Ordinal))
                {
                    await HourlyOverflowCheck.EnsureFitsAsync(http, project.Key, project.ToList(), cancels.Where(c => c.ProjectId == project.Key).ToList(), cancellationToken).ConfigureAwait(false);
                }

                if (repriced.Count > 0)
                {
                    await held.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
                    await ClickHouseEventAppender.InsertAsync(http, cancels, repriced, cancellationToken).ConfigureAwait(false);
                }

                counts.Merge(pageCounts);
                after = (page[^1].ProjectId, page[^1].Id);
            }
        }
    }

    private async Task<List<EventRow>> NextPageAsync(RepriceRequest request, (string Project, string Id)? after, CancellationToken cancellationToken)
    {
        var where = new StringBuilder()
            .Append("occurred_ms >= ").Append(ClickHouseSql.Number(request.From.ToUnixTimeMilliseconds()))
            .Append(" AND occurred_ms < ").Append(ClickHouseSql.Number(request.To.ToUnixTimeMilliseconds()))
            .Append(" AND hour >= ").Append(ClickHouseSql.Number(RollupKey.HourOf(request.From.ToUnixTimeSeconds())))
            .Append(" AND hour <= ").Append(ClickHouseSql.Number(RollupKey.HourOf(request.To.ToUnixTimeSeconds())));
        if (request.ProjectId is not null)
        {
            where.Append(" AND project_id = ").Append(ClickHouseSql.Quote(request.ProjectId));
        }

        if (after is { } last)
        {
            where.Append(" AND (project_id, id) > (").Append(ClickHouseSql.Quote(last.Project)).Append(", ").Append(ClickHouseSql.Quote(last.Id)).Append(')');
        }

        if (request.Provider is not null)
        {
            where.Append(" AND provider = ").Append(ClickHouseSql.Quote(request.Provider));
        }

        if (request.Model is not null)
        {
            where.Append(" AND model = ").Append(ClickHouseSql.Quote(request.Model));
        }

        var sql = $"SELECT {ClickHouseSchemaV1.EventVersionColumns} FROM events_log WHERE {where} GROUP BY {ClickHouseSchemaV1.EventVersionColumns}" +
            $" HAVING sum(sign) > 0 ORDER BY project_id, id LIMIT {RepriceRequest.BatchSize}";
        return (await http.QueryAsync(sql, cancellationToken).ConfigureAwait(false)).Select(EventRow.Read).ToList();
    }
}
