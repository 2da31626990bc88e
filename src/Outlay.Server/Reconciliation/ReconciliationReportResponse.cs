namespace Outlay.Server.Reconciliation;

/// <summary>The answer to <c>GET /api/v1/reconciliation</c>.</summary>
/// <param name="From">First UTC day (<c>yyyy-MM-dd</c>).</param>
/// <param name="To">The UTC day after the last (exclusive).</param>
/// <param name="Rows">Rows by day, provider, key label (unmapped last), provider ref and model.</param>
/// <param name="UntrackedUsage">How many (provider, key, day) the tracked events do not explain.</param>
internal sealed record ReconciliationReportResponse(string From, string To, IReadOnlyList<ReconciliationRowItem> Rows, int UntrackedUsage);
