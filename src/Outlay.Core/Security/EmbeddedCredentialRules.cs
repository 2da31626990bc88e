namespace Outlay.Core.Security;

/// <summary>
/// Credentials recognised by the text around them rather than by their own prefix: PEM private keys, Azure
/// connection strings and SAS URLs, <c>Bearer</c> headers, Slack webhook URLs, passwords in connection strings
/// and URLs with a user:password part.
/// </summary>
internal static class EmbeddedCredentialRules
{
    public static string? Detect(ReadOnlySpan<char> value)
    {
        // Each rule needs a marker character; checking for it first keeps ordinary values to a few vectorised scans.
        if (value.Contains("-----", StringComparison.Ordinal) && ContainsPemPrivateKey(value))
        {
            return CredentialFormats.PrivateKeyPem;
        }

        var format = value.Contains('=') ? DetectSetting(value) : null;
        if (format is not null)
        {
            return format;
        }

        if (value.Contains(' ') && ContainsBearerToken(value))
        {
            return CredentialFormats.BearerToken;
        }

        if (!value.Contains('/'))
        {
            return null;
        }

        return ContainsSlackWebhook(value) ? CredentialFormats.SlackWebhookUrl
            : ContainsUrlCredentials(value) ? CredentialFormats.UrlCredentials
            : null;
    }

    /// <summary>Credentials written as <c>name=value</c>: connection strings and SAS query strings.</summary>
    private static string? DetectSetting(ReadOnlySpan<char> value)
    {
        if (HasKeyValue(value, "AccountKey=", CredentialAlphabets.Base64, 20))
        {
            return CredentialFormats.AzureStorageAccountKey;
        }

        if (HasKeyValue(value, "SharedAccessKey=", CredentialAlphabets.Base64, 20))
        {
            return CredentialFormats.AzureSharedAccessKey;
        }

        if (HasKeyValue(value, "SharedAccessSignature=", CredentialAlphabets.UrlEncodedBase64, 10) ||
            HasKeyValue(value, "sig=", CredentialAlphabets.UrlEncodedBase64, 20))
        {
            return CredentialFormats.AzureSasToken;
        }

        return ContainsConnectionStringPassword(value) ? CredentialFormats.ConnectionStringPassword : null;
    }

    private static bool ContainsPemPrivateKey(ReadOnlySpan<char> value)
    {
        const string Begin = "-----BEGIN ";
        for (var start = value.IndexOf(Begin, StringComparison.Ordinal); start >= 0; start = NextIndexOf(value, Begin, start))
        {
            // The label ("RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY", ...) runs to the next "-----".
            var label = value[(start + Begin.Length)..];
            var end = label.IndexOf("-----", StringComparison.Ordinal);
            if (end > 0 && end <= 64 && label[..end].Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>name=value</c> where the name starts a token (start of text, or after <c>; ? &amp;</c> or white space) and
    /// the value has at least <paramref name="minimumLength"/> characters of <paramref name="alphabet"/>.
    /// </summary>
    private static bool HasKeyValue(ReadOnlySpan<char> value, string name, System.Buffers.SearchValues<char> alphabet, int minimumLength)
    {
        for (var start = value.IndexOf(name, StringComparison.OrdinalIgnoreCase); start >= 0; start = NextIndexOf(value, name, start))
        {
            if (StartsSetting(value, start) &&
                CredentialAlphabets.RunLength(value[(start + name.Length)..], alphabet) >= minimumLength)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsBearerToken(ReadOnlySpan<char> value)
    {
        const string Bearer = "bearer ";
        for (var start = value.IndexOf(Bearer, StringComparison.OrdinalIgnoreCase); start >= 0; start = NextIndexOf(value, Bearer, start))
        {
            if (start > 0 && char.IsAsciiLetterOrDigit(value[start - 1]))
            {
                continue;
            }

            var token = value[(start + Bearer.Length)..].TrimStart(' ');
            var length = CredentialAlphabets.RunLength(token, CredentialAlphabets.BearerTokenChars);

            // A real token is long and not a word: "Bearer authentication" is 14 letters and no digit.
            if (length >= 16 && token[..length].ContainsAnyInRange('0', '9'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsSlackWebhook(ReadOnlySpan<char> value)
    {
        const string Host = "hooks.slack.com/";
        for (var start = value.IndexOf(Host, StringComparison.OrdinalIgnoreCase); start >= 0; start = NextIndexOf(value, Host, start))
        {
            var path = value[(start + Host.Length)..];
            var rest = path.StartsWith("services/", StringComparison.OrdinalIgnoreCase) ? path[9..]
                : path.StartsWith("workflows/", StringComparison.OrdinalIgnoreCase) ? path[10..]
                : ReadOnlySpan<char>.Empty;
            if (CredentialAlphabets.RunLength(rest, CredentialAlphabets.Base64) >= 20)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsConnectionStringPassword(ReadOnlySpan<char> value)
    {
        // Only inside something shaped like a connection string ("a=b;c=d"), so "password=reset" alone is fine.
        if (!value.Contains(';'))
        {
            return false;
        }

        return HasSettingValue(value, "password=") || HasSettingValue(value, "pwd=");
    }

    private static bool HasSettingValue(ReadOnlySpan<char> value, string name)
    {
        for (var start = value.IndexOf(name, StringComparison.OrdinalIgnoreCase); start >= 0; start = NextIndexOf(value, name, start))
        {
            var rest = value[(start + name.Length)..];
            if (StartsSetting(value, start) && rest.Length > 0 && rest[0] is not ';' and not ' ')
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsUrlCredentials(ReadOnlySpan<char> value)
    {
        const string SchemeSeparator = "://";
        for (var start = value.IndexOf(SchemeSeparator, StringComparison.Ordinal); start >= 0; start = NextIndexOf(value, SchemeSeparator, start))
        {
            // scheme://user:password@host — the authority ends at the first '/', '?', '#' or space.
            var authority = value[(start + SchemeSeparator.Length)..];
            var end = authority.IndexOfAny("/?# ");
            if (end >= 0)
            {
                authority = authority[..end];
            }

            var at = authority.LastIndexOf('@');
            if (at > 0)
            {
                var colon = authority[..at].IndexOf(':');
                if (colon >= 0 && colon < at - 1)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool StartsSetting(ReadOnlySpan<char> value, int start) =>
        start == 0 || value[start - 1] is ';' or '?' or '&' or ' ' or '"' or '\'';

    private static int NextIndexOf(ReadOnlySpan<char> value, string text, int previous)
    {
        var next = value[(previous + 1)..].IndexOf(text, StringComparison.OrdinalIgnoreCase);
        return next < 0 ? -1 : previous + 1 + next;
    }
}
