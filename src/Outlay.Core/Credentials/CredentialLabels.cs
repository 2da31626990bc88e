namespace Outlay.Core.Credentials;

/// <summary>The rule for a key label named by a user (in a URL, an option or a body): 1–128 characters, no control characters.</summary>
public static class CredentialLabels
{
    /// <summary>True when <paramref name="label"/> is 1 to <see cref="CredentialRetirement.MaxKeyLabelLength"/> characters with no control character.</summary>
    public static bool IsValid(string? label) =>
        !string.IsNullOrEmpty(label)
        && label.Length <= CredentialRetirement.MaxKeyLabelLength
        && !label.Any(char.IsControl);

    /// <summary>Returns <paramref name="label"/> when valid.</summary>
    /// <exception cref="CredentialValidationException">It is missing, too long or holds a control character (the message names <paramref name="field"/>).</exception>
    public static string Require(string? label, string field) =>
        IsValid(label)
            ? label!
            : throw new CredentialValidationException(field, $"a key label of 1 to {CredentialRetirement.MaxKeyLabelLength} characters with no control characters.");
}
