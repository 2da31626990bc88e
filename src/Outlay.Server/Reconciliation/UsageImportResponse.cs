namespace Outlay.Server.Reconciliation;

/// <summary>The answer to <c>POST /api/v1/provider-usage/import</c>.</summary>
/// <param name="Format">The format read (<c>openai</c>, <c>anthropic</c>, <c>csv</c>).</param>
/// <param name="RowsRead">Rows read from the file before merging duplicates.</param>
/// <param name="Records">Records after merging.</param>
/// <param name="Stored">Rows inserted or replaced.</param>
/// <param name="Days">The UTC days covered (<c>yyyy-MM-dd</c>), ascending.</param>
/// <param name="UntrackedUsage">Untracked usage seen on those days.</param>
/// <param name="NewFindings">Untracked usage findings created by this import.</param>
internal sealed record UsageImportResponse(string Format, int RowsRead, int Records, int Stored, IReadOnlyList<string> Days, int UntrackedUsage, int NewFindings);
