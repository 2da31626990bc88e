using Microsoft.Extensions.Logging;
using Outlay.Core.Findings;
using Outlay.Core.Reconciliation;
using Outlay.Core.Storage;

namespace Outlay.Server.Reconciliation;

/// <summary>
/// The one path from provider usage records to findings, shared by the import API, <c>outlay import usage</c> and the
/// pull worker: store the records, reconcile the UTC days they cover against tracked usage, and record an untracked
/// usage finding for every (provider, key, day) the tracked events do not explain.
/// </summary>
internal static class UsageReconciliation
{
    /// <summary>Stores <paramref name="records"/> in <paramref name="projectId"/>, then reconciles their days and records findings at <paramref name="now"/>.</summary>
    public static async Task<UsageImportOutcome> StoreAndReconcileAsync(
        IOutlayStore store, string projectId, IReadOnlyList<ProviderUsageRecord> records, DateTimeOffset now, ILogger? logger, CancellationToken ct)
    {
        var days = records.Select(r => r.Day).Distinct().Order().ToList();
        if (records.Count == 0)
        {
            return new UsageImportOutcome(0, 0, days, 0, 0);
        }

        var stored = await store.UpsertProviderUsageAsync(projectId, records, ct).ConfigureAwait(false);
        var observations = await UntrackedUsageAsync(store, projectId, days, now, ct).ConfigureAwait(false);
        var created = 0;
        foreach (var observation in observations)
        {
            var result = await store.RecordFindingAsync(observation, ct).ConfigureAwait(false);
            if (result.Created)
            {
                created++;
                if (logger is not null)
                {
                    ServerLog.ReconciliationUntrackedUsage(logger, observation.Summary, result.Finding.Id, projectId);
                }
            }
        }

        return new UsageImportOutcome(records.Count, stored, days, observations.Count, created);
    }

    /// <summary>
    /// Reconciles the UTC days starting in [<paramref name="from"/>, <paramref name="to"/>): the stored provider usage of
    /// those days against the tracked usage of the same days, through the project's key mappings.
    /// </summary>
    public static async Task<ReconciliationReport> ReconcileAsync(IOutlayStore store, string projectId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken ct)
    {
        var provider = await store.QueryProviderUsageAsync(projectId, from, to, ct).ConfigureAwait(false);
        var mappings = await store.ListProviderKeyMappingsAsync(projectId, ct).ConfigureAwait(false);
        var tracked = await TrackedUsageQuery.LoadAsync(store, projectId, from, to, ct).ConfigureAwait(false);
        return Reconciler.Reconcile(projectId, provider, mappings, tracked, now);
    }

    /// <summary>The untracked usage observations of exactly the given days (not the days between them).</summary>
    private static async Task<IReadOnlyList<FindingObservation>> UntrackedUsageAsync(IOutlayStore store, string projectId, IReadOnlyList<DateTimeOffset> days, DateTimeOffset now, CancellationToken ct)
    {
        var wanted = days.ToHashSet();
        var from = days[0];
        var to = days[^1].AddDays(1);
        var provider = await store.QueryProviderUsageAsync(projectId, from, to, ct).ConfigureAwait(false);
        var mappings = await store.ListProviderKeyMappingsAsync(projectId, ct).ConfigureAwait(false);
        var tracked = await TrackedUsageQuery.LoadAsync(store, projectId, from, to, ct).ConfigureAwait(false);

        // Reconciliation is per day, so keeping only the imported days' inputs reconciles exactly those days: a stored
        // day between two imported ones is not observed again.
        var report = Reconciler.Reconcile(
            projectId,
            provider.Where(r => wanted.Contains(r.Day)).ToList(),
            mappings,
            tracked.Where(t => wanted.Contains(t.Day)).ToList(),
            now);
        return report.Observations;
    }
}
