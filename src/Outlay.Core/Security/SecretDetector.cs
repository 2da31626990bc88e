namespace Outlay.Core.Security;

/// <summary>
/// The secret tripwire: recognises values that look like credentials so that an event carrying one is refused
/// and nothing of it is stored. Runs on every string of every event, so it is hand-written linear scanning with
/// no regular expressions (no backtracking, no timeouts) and no allocation.
/// </summary>
public static class SecretDetector
{
    /// <summary>
    /// Returns the name of the credential format <paramref name="value"/> contains (one of
    /// <see cref="CredentialFormats"/>), or null when it looks like an ordinary value. The value is never
    /// copied, logged or returned.
    /// </summary>
    public static string? DetectFormat(ReadOnlySpan<char> value)
    {
        if (value.Length < MinimumCredentialLength)
        {
            return null;
        }

        return PrefixedTokenRules.Detect(value)
            ?? EmbeddedCredentialRules.Detect(value)
            ?? LabelledHexKeyRule.Detect(value)
            ?? HighEntropyRule.Detect(value);
    }

    /// <inheritdoc cref="DetectFormat(ReadOnlySpan{char})"/>
    public static string? DetectFormat(string? value) => value is null ? null : DetectFormat(value.AsSpan());

    /// <summary>The shortest value any rule can match (a connection-string password such as "Pwd=x;a=b"); shorter values are skipped.</summary>
    private const int MinimumCredentialLength = 8;
}
