namespace Outlay.Core.Security;

/// <summary>
/// Credentials that announce themselves with a prefix (<c>sk-</c>, <c>AKIA</c>, <c>ghp_</c>, ...). A prefix only
/// counts at the start of a token (the previous character is not a letter or digit), and a minimum body keeps
/// ordinary words such as <c>sk-learn</c> from matching.
/// </summary>
internal static class PrefixedTokenRules
{
    /// <summary>The shortest credential these rules match: a Slack token prefix and a ten-character body.</summary>
    public const int MinimumLength = 15;

    public static string? Detect(ReadOnlySpan<char> value)
    {
        if (value.Length < MinimumLength)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (i > 0 && char.IsAsciiLetterOrDigit(value[i - 1]))
            {
                continue;
            }

            var rest = value[i..];
            var format = rest[0] switch
            {
                's' => DetectProviderSecretKey(rest),
                'r' => DetectStripeRestrictedKey(rest),
                'A' => DetectAwsOrGoogleKey(rest),
                'g' => DetectGitHubToken(rest),
                'x' => DetectSlackToken(rest),
                'e' => DetectJwt(rest),
                'y' => DetectGoogleOAuthToken(rest),
                'o' => DetectOutlayKey(rest),
                _ => null,
            };

            if (format is not null)
            {
                return format;
            }
        }

        return null;
    }

    private static string? DetectProviderSecretKey(ReadOnlySpan<char> text)
    {
        if (HasBody(text, "sk-ant-admin", CredentialAlphabets.Base64Url, 20))
        {
            return CredentialFormats.AnthropicAdminKey;
        }

        if (HasBody(text, "sk-ant-", CredentialAlphabets.Base64Url, 20))
        {
            return CredentialFormats.AnthropicApiKey;
        }

        if (text.StartsWith("sk-", StringComparison.Ordinal))
        {
            // OpenAI keys (legacy, sk-proj-, sk-svcacct-, sk-admin-) are long random base62/base64url bodies, which
            // always mix upper case, lower case and digits; "sk-learn-pipeline-v2" does not.
            var body = text[3..];
            var length = CredentialAlphabets.RunLength(body, CredentialAlphabets.Base64Url);
            return length >= 20 && MixesAllCharacterClasses(body[..length]) ? CredentialFormats.OpenAiApiKey : null;
        }

        return HasBody(text, "sk_live_", CredentialAlphabets.Base62, 16) || HasBody(text, "sk_test_", CredentialAlphabets.Base62, 16)
            ? CredentialFormats.StripeSecretKey
            : null;
    }

    private static string? DetectStripeRestrictedKey(ReadOnlySpan<char> text) =>
        HasBody(text, "rk_live_", CredentialAlphabets.Base62, 16) || HasBody(text, "rk_test_", CredentialAlphabets.Base62, 16)
            ? CredentialFormats.StripeSecretKey
            : null;

    private static string? DetectAwsOrGoogleKey(ReadOnlySpan<char> text)
    {
        if (text.StartsWith("AKIA", StringComparison.Ordinal) || text.StartsWith("ASIA", StringComparison.Ordinal))
        {
            // Exactly 16 upper-case alphanumerics, then the end of the token.
            var body = text[4..];
            var length = CredentialAlphabets.RunLength(body, CredentialAlphabets.UpperAlphanumeric, 17);
            var endsToken = body.Length == 16 || (body.Length > 16 && !char.IsAsciiLetterOrDigit(body[16]));
            return length == 16 && endsToken ? CredentialFormats.AwsAccessKeyId : null;
        }

        return HasBody(text, "AIza", CredentialAlphabets.Base64Url, 35) ? CredentialFormats.GoogleApiKey : null;
    }

    private static string? DetectGitHubToken(ReadOnlySpan<char> text)
    {
        if (text.Length > 4 && text[0] == 'g' && text[1] == 'h' && (text[2] is 'p' or 'o' or 'u' or 's' or 'r') && text[3] == '_')
        {
            return CredentialAlphabets.RunLength(text[4..], CredentialAlphabets.Base62) >= 30 ? CredentialFormats.GitHubToken : null;
        }

        return HasBody(text, "github_pat_", CredentialAlphabets.Base64Url, 40) ? CredentialFormats.GitHubToken : null;
    }

    private static string? DetectSlackToken(ReadOnlySpan<char> text)
    {
        var isSlackPrefix = text.Length > 5 && text[4] == '-' &&
            (text.StartsWith("xapp", StringComparison.Ordinal) ||
             (text.StartsWith("xox", StringComparison.Ordinal) && (text[3] is 'b' or 'p' or 'a' or 'r' or 's' or 'e')));
        if (!isSlackPrefix)
        {
            return null;
        }

        var body = text[5..];
        var length = CredentialAlphabets.RunLength(body, CredentialAlphabets.Base64Url);
        return length >= 10 && body[..length].ContainsAnyInRange('0', '9') ? CredentialFormats.SlackToken : null;
    }

    private static string? DetectJwt(ReadOnlySpan<char> text)
    {
        // header.payload[.signature]: both header and payload are base64url JSON objects, so both start "eyJ".
        if (!text.StartsWith("eyJ", StringComparison.Ordinal))
        {
            return null;
        }

        var header = CredentialAlphabets.RunLength(text, CredentialAlphabets.Base64Url);
        if (header < 10 || header >= text.Length || text[header] != '.')
        {
            return null;
        }

        var payload = text[(header + 1)..];
        return payload.StartsWith("eyJ", StringComparison.Ordinal) &&
               CredentialAlphabets.RunLength(payload, CredentialAlphabets.Base64Url) >= 10
            ? CredentialFormats.Jwt
            : null;
    }

    private static string? DetectGoogleOAuthToken(ReadOnlySpan<char> text) =>
        HasBody(text, "ya29.", CredentialAlphabets.Base64Url, 20) ? CredentialFormats.GoogleOAuthToken : null;

    private static string? DetectOutlayKey(ReadOnlySpan<char> text) =>
        HasBody(text, "olk_ingest_", CredentialAlphabets.Base64Url, 16) ||
        HasBody(text, "olk_read_", CredentialAlphabets.Base64Url, 16) ||
        HasBody(text, "olk_admin_", CredentialAlphabets.Base64Url, 16)
            ? CredentialFormats.OutlayApiKey
            : null;

    private static bool HasBody(ReadOnlySpan<char> text, string prefix, System.Buffers.SearchValues<char> alphabet, int minimumLength) =>
        text.StartsWith(prefix, StringComparison.Ordinal) &&
        CredentialAlphabets.RunLength(text[prefix.Length..], alphabet) >= minimumLength;

    private static bool MixesAllCharacterClasses(ReadOnlySpan<char> body) =>
        body.ContainsAnyInRange('A', 'Z') && body.ContainsAnyInRange('a', 'z') && body.ContainsAnyInRange('0', '9');
}
