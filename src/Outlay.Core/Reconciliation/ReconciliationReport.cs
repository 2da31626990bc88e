using Outlay.Core.Findings;

namespace Outlay.Core.Reconciliation;

/// <summary>A reconciliation: one row per day × provider × model × key, and the untracked-usage observations to record.</summary>
/// <param name="Rows">Rows by day, provider, key label (unmapped last), provider ref and model.</param>
/// <param name="Observations">One <see cref="FindingKinds.UntrackedUsage"/> observation per (provider, key label, day) the tracked events do not explain.</param>
public sealed record ReconciliationReport(IReadOnlyList<ReconciliationRow> Rows, IReadOnlyList<FindingObservation> Observations);
