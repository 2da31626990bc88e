using Outlay.Core.Querying;

namespace Outlay.Core.Credentials;

/// <summary>Validates a request to retire a key label (API body or CLI options) into a <see cref="CredentialRetirement"/>.</summary>
public static class CredentialRetirementParser
{
    /// <summary>How far ahead a retirement may be scheduled: 366 days.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);

    /// <summary>
    /// The retirement of <paramref name="keyLabel"/>. <paramref name="retiredAt"/> is an ISO-8601 date or date-time (UTC
    /// unless an offset is given) or a duration back from now such as <c>2h</c>; null or blank means <paramref name="now"/>.
    /// <paramref name="replacedBy"/> must be a valid label other than <paramref name="keyLabel"/>; blank means none.
    /// <paramref name="note"/>: at most <see cref="CredentialRetirement.MaxNoteLength"/> characters, no control characters; blank means none.
    /// </summary>
    /// <exception cref="CredentialValidationException">A field is invalid; the message names it and never repeats its value.</exception>
    public static CredentialRetirement Parse(
        string projectId,
        string? keyLabel,
        string? retiredAt,
        string? replacedBy,
        string? note,
        DateTimeOffset now,
        string? createdBy)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        var label = CredentialLabels.Require(keyLabel, "label");
        var at = now.ToUniversalTime();
        if (!string.IsNullOrWhiteSpace(retiredAt))
        {
            try
            {
                at = SpendTimeParser.Parse(retiredAt, "retired_at", now);
            }
            catch (SpendQueryException)
            {
                throw new CredentialValidationException("retired_at", "expected an ISO-8601 date or date-time (UTC unless an offset is given), or a duration back from now such as 30m, 24h or 7d.");
            }

            if (at > now + MaxAhead)
            {
                throw new CredentialValidationException("retired_at", "at most 366 days ahead.");
            }
        }

        string? replacement = null;
        if (!string.IsNullOrWhiteSpace(replacedBy))
        {
            replacement = CredentialLabels.Require(replacedBy, "replaced_by");
            if (string.Equals(replacement, label, StringComparison.Ordinal))
            {
                throw new CredentialValidationException("replaced_by", "must differ from the retired label.");
            }
        }

        string? text = null;
        if (!string.IsNullOrWhiteSpace(note))
        {
            text = note.Trim();
            if (text.Length > CredentialRetirement.MaxNoteLength || text.Any(char.IsControl))
            {
                throw new CredentialValidationException("note", $"at most {CredentialRetirement.MaxNoteLength} characters with no control characters.");
            }
        }

        return new CredentialRetirement(projectId, label, at, replacement, text, now.ToUniversalTime(), createdBy);
    }
}
