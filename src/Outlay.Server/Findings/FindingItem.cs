using System.Text.Json.Serialization;
using Outlay.Core.Findings;

namespace Outlay.Server.Findings;

/// <summary>
/// One finding as the API shows it: what (kind, severity, summary, detail), where, expected against observed, how
/// often and when, and its review. Findings never hold a secret value, so none can be shown.
/// </summary>
internal sealed record FindingItem(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("where")] FindingWhere Where,
    [property: JsonPropertyName("expected")] string? Expected,
    [property: JsonPropertyName("observed")] string? Observed,
    [property: JsonPropertyName("key_id")] string? KeyId,
    [property: JsonPropertyName("first_seen")] DateTimeOffset FirstSeen,
    [property: JsonPropertyName("last_seen")] DateTimeOffset LastSeen,
    [property: JsonPropertyName("occurrences")] int Occurrences,
    [property: JsonPropertyName("acknowledged_at")] DateTimeOffset? AcknowledgedAt,
    [property: JsonPropertyName("acknowledged_by")] string? AcknowledgedBy,
    [property: JsonPropertyName("snoozed_until")] DateTimeOffset? SnoozedUntil,
    [property: JsonPropertyName("notified")] bool Notified)
{
    public static FindingItem From(Finding finding) => new(
        finding.Id,
        finding.Kind,
        FindingSeverities.Name(finding.Severity),
        finding.StatusName,
        finding.Summary,
        finding.Detail,
        FindingWhere.From(finding.Place),
        finding.Expected,
        finding.Observed,
        finding.KeyId,
        finding.FirstSeen,
        finding.LastSeen,
        finding.Occurrences,
        finding.AcknowledgedAt,
        finding.AcknowledgedBy,
        finding.SnoozedUntil,
        finding.Notified);
}
