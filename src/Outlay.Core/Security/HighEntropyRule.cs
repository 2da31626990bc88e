namespace Outlay.Core.Security;

/// <summary>
/// Long random-looking tokens with no known prefix: AWS secret access keys, base64 secrets, hex secrets.
/// </summary>
/// <remarks>
/// A token is a run of <c>[A-Za-z0-9+/=_-]</c> of at least <see cref="MinimumLength"/> characters. Random
/// strings are told apart from identifiers by three measures: Shannon entropy; how often adjacent
/// characters switch between upper case, lower case and digits (random base62 switches on ~60% of pairs,
/// "CamelCaseWords2024" or "claude-3-7-sonnet-20250219" rarely); and the longest run without a separator (random
/// tokens are rarely broken by <c>-</c> or <c>/</c>, paths and pod names are broken every few characters).
/// UUIDs (with or without dashes) and hex up to 40 digits (git SHA-1, MD5) are identifiers, not secrets.
/// </remarks>
internal static class HighEntropyRule
{
    public const int MinimumLength = 32;

    public static string? Detect(ReadOnlySpan<char> value)
    {
        if (value.Length < MinimumLength)
        {
            return null;
        }

        var rest = value;
        while (!rest.IsEmpty)
        {
            var start = rest.IndexOfAny(CredentialAlphabets.TokenChars);
            if (start < 0)
            {
                return null;
            }

            rest = rest[start..];
            var end = rest.IndexOfAnyExcept(CredentialAlphabets.TokenChars);
            var token = end < 0 ? rest : rest[..end];
            rest = end < 0 ? ReadOnlySpan<char>.Empty : rest[end..];

            if (token.Length >= MinimumLength)
            {
                var format = Classify(token);
                if (format is not null)
                {
                    return format;
                }
            }
        }

        return null;
    }

    private static string? Classify(ReadOnlySpan<char> token)
    {
        if (StartsWithPublicIdentifierPrefix(token))
        {
            return null;
        }

        var profile = TokenProfile.Of(token.TrimEnd('='));
        if (profile.IsHex)
        {
            // 41+ hex digits: longer than any identifier hex we expect (UUID 32, git SHA-1 40); sha256 digests qualify.
            return profile.Alphanumerics > 40 && profile.Entropy >= 3.0 && !IsUuid(token)
                ? CredentialFormats.HighEntropyString
                : null;
        }

        if (profile.LongestUnbrokenIsHex && profile.LongestUnbroken <= 40)
        {
            // The random-looking part is an embedded hash or UUID ("tenant_<md5>_prod"): an identifier.
            return null;
        }

        return profile.ClassCount switch
        {
            3 when LooksRandomMixedCase(profile) => token.Length == 40 && token.IndexOfAny('-', '_') < 0
                ? CredentialFormats.AwsSecretAccessKey
                : CredentialFormats.HighEntropyString,
            2 when LooksRandomTwoClass(profile) => CredentialFormats.HighEntropyString,
            _ => null,
        };
    }

    /// <summary>
    /// Random base62/base64: enough entropy, both letter cases well represented (CamelCase words have one capital
    /// per word), and case and digits switching often (random: ~60% of pairs), or moderately often with few vowels
    /// (random letters: ~19% vowels, words: ~40%).
    /// </summary>
    private static bool LooksRandomMixedCase(TokenProfile profile)
    {
        var letters = profile.Upper + profile.Lower;
        return profile.Entropy >= 4.0 &&
               Math.Min(profile.Upper, profile.Lower) >= letters / 5 &&
               (profile.SwitchRate >= 0.4 || (profile.SwitchRate >= 0.25 && profile.VowelRate <= 0.25));
    }

    /// <summary>
    /// Random lower-case (or upper-case) alphanumerics such as base32 or base36 secrets: a long run without separators,
    /// enough entropy, and letters and digits interleaved or few vowels. Names made of words have separators, few
    /// switches and many vowels.
    /// </summary>
    private static bool LooksRandomTwoClass(TokenProfile profile) =>
        profile.Entropy >= 3.7 && profile.LongestUnbroken >= 24 && (profile.SwitchRate >= 0.15 || profile.VowelRate <= 0.25);

    /// <summary>
    /// Providers' public response and object ids ("chatcmpl-...", "resp_...", "msg_...") are random but not secret,
    /// and teams tag events with them.
    /// </summary>
    private static bool StartsWithPublicIdentifierPrefix(ReadOnlySpan<char> token)
    {
        foreach (var prefix in PublicIdentifierPrefixes)
        {
            if (token.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] PublicIdentifierPrefixes =
    [
        "chatcmpl-", "cmpl-", "resp_", "msg_", "req_", "run_", "thread_", "asst_", "file-", "batch_", "ftjob-",
        "toolu_", "call_", "gen-", "step_", "vs_", "ft:",
    ];

    private static bool IsUuid(ReadOnlySpan<char> token) =>
        (token.Length == 36 && token[8] == '-' && token[13] == '-' && token[18] == '-' && token[23] == '-') || token.Length == 32;
}
