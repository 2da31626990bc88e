namespace Outlay.Core.Security;

/// <summary>
/// Azure OpenAI (and Azure AI services) keys: 32 hex digits with no prefix, which alone cannot be told from an MD5
/// hash or a dashless UUID (<see cref="HighEntropyRule"/> rightly treats those as identifiers). They leak with their
/// label, as an <c>api-key</c> header or an <c>…API_KEY=</c> setting, so a 32-hex run right after a label ending in
/// <c>api-key</c>, <c>api_key</c>, <c>apikey</c> or <c>subscription-key</c> (any case) and <c>:</c> or <c>=</c> counts.
/// </summary>
internal static class LabelledHexKeyRule
{
    private const int KeyLength = 32;
    private static readonly string[] Labels = ["api-key", "api_key", "apikey", "subscription-key"];

    public static string? Detect(ReadOnlySpan<char> value)
    {
        if (value.Length < KeyLength + 8 || value.IndexOfAny(':', '=') < 0)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is not (':' or '='))
            {
                continue;
            }

            if (EndsWithLabel(value[..i]) && IsHexKeyAt(value[(i + 1)..]))
            {
                return CredentialFormats.AzureOpenAiKey;
            }
        }

        return null;
    }

    private static bool EndsWithLabel(ReadOnlySpan<char> before)
    {
        before = before.TrimEnd(" \"'");
        foreach (var label in Labels)
        {
            if (before.EndsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsHexKeyAt(ReadOnlySpan<char> after)
    {
        after = after.TrimStart(" \"'");
        if (after.Length < KeyLength)
        {
            return false;
        }

        for (var i = 0; i < KeyLength; i++)
        {
            if (!char.IsAsciiHexDigit(after[i]))
            {
                return false;
            }
        }

        // Exactly 32: a longer run is some other hex value, which the entropy rule judges.
        return after.Length == KeyLength || !char.IsAsciiLetterOrDigit(after[KeyLength]);
    }
}
