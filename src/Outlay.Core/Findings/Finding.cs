namespace Outlay.Core.Findings;

/// <summary>
/// Something that should not have happened, as stored: the first observation's explanation, refreshed by the latest,
/// with how often and until when it was seen and where its review stands. Never contains a secret.
/// </summary>
/// <param name="Id">Store-assigned id.</param>
/// <param name="ProjectId">The project.</param>
/// <param name="Kind">One of <see cref="FindingKinds"/>.</param>
/// <param name="Severity">How urgent it is (the highest any occurrence had).</param>
/// <param name="Fingerprint">Identity for de-duplication (see <see cref="FindingObservation.Fingerprint"/>).</param>
/// <param name="Subject">What it is about, for snoozes (see <see cref="FindingObservation.Subject"/>).</param>
/// <param name="Summary">What happened (the latest occurrence's words).</param>
/// <param name="Detail">More explanation (the latest occurrence's words).</param>
/// <param name="Place">Where it was seen.</param>
/// <param name="Expected">The expectation it broke (latest), or null.</param>
/// <param name="Observed">What was seen (latest), or null.</param>
/// <param name="KeyId">The Outlay key involved, or null.</param>
/// <param name="FirstSeen">When it was first observed.</param>
/// <param name="LastSeen">When it was last observed.</param>
/// <param name="Occurrences">How many observations it has had (1 or more).</param>
/// <param name="Status">Open or acknowledged.</param>
/// <param name="AcknowledgedAt">When it was acknowledged, or null.</param>
/// <param name="AcknowledgedBy">Who acknowledged it (an Outlay key id), or null.</param>
/// <param name="SnoozedUntil">Until when its kind and subject are snoozed, or null.</param>
/// <param name="Notified">True when it was queued to the project's alert channels.</param>
public sealed record Finding(
    Guid Id,
    string ProjectId,
    string Kind,
    FindingSeverity Severity,
    string Fingerprint,
    string Subject,
    string Summary,
    string Detail,
    FindingPlace Place,
    string? Expected,
    string? Observed,
    string? KeyId,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    int Occurrences,
    FindingStatus Status,
    DateTimeOffset? AcknowledgedAt,
    string? AcknowledgedBy,
    DateTimeOffset? SnoozedUntil,
    bool Notified)
{
    /// <summary>The status as written in the store and API: <c>open</c> or <c>acknowledged</c>.</summary>
    public string StatusName => Status == FindingStatus.Acknowledged ? "acknowledged" : "open";

    /// <summary>True when a snooze covering it lasts beyond <paramref name="now"/>.</summary>
    public bool IsSnoozedAt(DateTimeOffset now) => SnoozedUntil is { } until && until > now;
}
