using System.Globalization;
using Outlay.Core.Storage;

namespace Outlay.Server.Reconciliation;

/// <summary>The reconciliation report for a range of days, as the API answers it and the CLI prints it.</summary>
internal static class ReconciliationReports
{
    public static async Task<ReconciliationReportResponse> BuildAsync(IOutlayStore store, string projectId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now, CancellationToken ct)
    {
        var report = await UsageReconciliation.ReconcileAsync(store, projectId, from, to, now, ct).ConfigureAwait(false);
        return new ReconciliationReportResponse(
            from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            report.Rows.Select(ReconciliationRowItem.From).ToList(),
            report.Observations.Count);
    }
}
