namespace Outlay.Core.Credentials;

/// <summary>
/// A key label marked retired: any event with that label timestamped at or after <see cref="RetiredAt"/> raises a
/// "retired credential still in use" finding.
/// </summary>
/// <param name="ProjectId">The project.</param>
/// <param name="KeyLabel">The retired credential's label (1–128 characters).</param>
/// <param name="RetiredAt">From when it must no longer be used.</param>
/// <param name="ReplacedBy">The label replacing it, for the rotation view; null when none.</param>
/// <param name="Note">Why (at most 500 characters), or null.</param>
/// <param name="CreatedAt">When it was marked.</param>
/// <param name="CreatedBy">The Outlay key id that marked it, or null (CLI against the store).</param>
public sealed record CredentialRetirement(
    string ProjectId,
    string KeyLabel,
    DateTimeOffset RetiredAt,
    string? ReplacedBy,
    string? Note,
    DateTimeOffset CreatedAt,
    string? CreatedBy)
{
    /// <summary>Longest key label.</summary>
    public const int MaxKeyLabelLength = 128;

    /// <summary>Longest note.</summary>
    public const int MaxNoteLength = 500;
}
