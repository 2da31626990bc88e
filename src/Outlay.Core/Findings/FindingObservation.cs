namespace Outlay.Core.Findings;

/// <summary>
/// What a detector (or ingest) saw, before the store decides whether it is a new finding or another occurrence of one
/// it already has. Every observation explains itself: <see cref="Summary"/> says what happened, <see cref="Place"/>
/// where, and <see cref="Expected"/> against <see cref="Observed"/> why it is unusual.
/// </summary>
/// <param name="ProjectId">The project.</param>
/// <param name="Kind">One of <see cref="FindingKinds"/>.</param>
/// <param name="Severity">How urgent it is.</param>
/// <param name="Fingerprint">
/// Identity for de-duplication within the project (at most 512 characters): two observations with the same fingerprint
/// are one finding. Detectors include the episode in it where one applies (the hour of a spike, the day of a
/// reconciliation gap), so a later episode is a new finding.
/// </param>
/// <param name="Subject">
/// What the finding is about, without the episode (at most 512 characters): a snooze covers every finding with the
/// same kind and subject, so "snooze spikes on label X for a day" also silences the next spike on X.
/// </param>
/// <param name="Summary">One line: what happened (at most 300 characters), never containing a secret.</param>
/// <param name="Detail">More explanation (at most 2,000 characters), never containing a secret.</param>
/// <param name="Place">Where it was seen.</param>
/// <param name="Expected">The expectation it broke, e.g. <c>$1.20/h (median of 4 same hours of week)</c>; null where none applies.</param>
/// <param name="Observed">What was seen, e.g. <c>$9.85/h</c>; null where none applies.</param>
/// <param name="KeyId">The Outlay key involved (for ingest findings), or null.</param>
/// <param name="At">When it was seen.</param>
public sealed record FindingObservation(
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
    DateTimeOffset At)
{
    /// <summary>Longest <see cref="Fingerprint"/> and <see cref="Subject"/>.</summary>
    public const int MaxIdentityLength = 512;

    /// <summary>Longest <see cref="Summary"/>.</summary>
    public const int MaxSummaryLength = 300;

    /// <summary>Longest <see cref="Detail"/>.</summary>
    public const int MaxDetailLength = 2000;
}
