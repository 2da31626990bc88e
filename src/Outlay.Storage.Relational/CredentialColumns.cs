using System.Data.Common;
using Outlay.Core.Credentials;

namespace Outlay.Storage.Relational;

/// <summary>
/// How credential activity is stored by every engine: the column orders the readers expect, and the argument checks
/// both engines apply before touching the database. Times are Unix milliseconds, hours Unix seconds.
/// </summary>
internal static class CredentialColumns
{
    public const string PlaceNames = "key_label, service, environment, instance, model, first_seen_ms, last_seen_ms, events";

    public const string UsageNames =
        "hour, key_label, service, environment, instance, model, feature, events, input_tokens, output_tokens, cost_nano, unpriced_events";

    public const string RetirementNames = "project_id, key_label, retired_ms, replaced_by, note, created_ms, created_by";

    /// <summary>Throws unless <paramref name="keyLabel"/> is 1–128 characters.</summary>
    public static void ValidateLabel(string? keyLabel, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(keyLabel, parameterName);
        if (keyLabel.Length is 0 or > CredentialRetirement.MaxKeyLabelLength)
        {
            throw new ArgumentException($"A key label must be 1–{CredentialRetirement.MaxKeyLabelLength} characters.", parameterName);
        }
    }

    /// <summary>Throws unless the project is set, the labels are 1–128 characters and the note at most 500.</summary>
    public static void Validate(CredentialRetirement retirement)
    {
        ArgumentNullException.ThrowIfNull(retirement);
        ArgumentException.ThrowIfNullOrEmpty(retirement.ProjectId, nameof(retirement));
        ValidateLabel(retirement.KeyLabel, nameof(retirement));
        if (retirement.ReplacedBy is not null)
        {
            ValidateLabel(retirement.ReplacedBy, nameof(retirement));
        }

        if (retirement.Note is { Length: > CredentialRetirement.MaxNoteLength })
        {
            throw new ArgumentException($"A retirement note must be at most {CredentialRetirement.MaxNoteLength} characters.", nameof(retirement));
        }

        if (retirement.CreatedBy is { Length: 0 or > CredentialRetirement.MaxKeyLabelLength })
        {
            throw new ArgumentException($"The creator must be 1–{CredentialRetirement.MaxKeyLabelLength} characters when given.", nameof(retirement));
        }
    }

    /// <summary>Throws unless <paramref name="to"/> is not before <paramref name="from"/>.</summary>
    public static void ValidateRange(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from)
        {
            throw new ArgumentException("The end of the range is before its start.", nameof(to));
        }
    }

    /// <summary>The place on the reader's current row, selected as <see cref="PlaceNames"/>.</summary>
    public static CredentialPlace ReadPlace(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
        reader.GetInt64(7));

    /// <summary>The usage row on the reader's current row, selected as <see cref="UsageNames"/>.</summary>
    public static CredentialUsageRow ReadUsage(DbDataReader reader) => new(
        DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(0)),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetInt64(7),
        reader.GetInt64(8),
        reader.GetInt64(9),
        reader.GetInt64(10),
        reader.GetInt64(11));

    /// <summary>The retirement on the reader's current row, selected as <see cref="RetirementNames"/>.</summary>
    public static CredentialRetirement ReadRetirement(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
        reader.IsDBNull(6) ? null : reader.GetString(6));
}
