namespace Outlay.Server.Reconciliation;

/// <summary>What storing and reconciling a set of provider usage records did.</summary>
/// <param name="Records">Records given.</param>
/// <param name="Stored">Rows inserted or replaced.</param>
/// <param name="Days">The UTC days the records cover, ascending.</param>
/// <param name="UntrackedUsage">Untracked usage observations on those days (new findings and further occurrences).</param>
/// <param name="NewFindings">Findings this call created.</param>
internal sealed record UsageImportOutcome(int Records, int Stored, IReadOnlyList<DateTimeOffset> Days, int UntrackedUsage, int NewFindings);
