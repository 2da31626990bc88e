using System.Buffers;

namespace Outlay.Core.Security;

/// <summary>Character sets credential formats are made of, as vectorised <see cref="SearchValues{T}"/>.</summary>
internal static class CredentialAlphabets
{
    private const string Base62Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>[A-Za-z0-9].</summary>
    public static readonly SearchValues<char> Base62 = SearchValues.Create(Base62Chars);

    /// <summary>[A-Za-z0-9_-], the URL-safe base64 alphabet most API keys are drawn from.</summary>
    public static readonly SearchValues<char> Base64Url = SearchValues.Create(Base62Chars + "-_");

    /// <summary>[A-Za-z0-9+/=], standard base64 with padding.</summary>
    public static readonly SearchValues<char> Base64 = SearchValues.Create(Base62Chars + "+/=");

    /// <summary>[A-Za-z0-9+/=_-]: the characters a generic high-entropy token is scanned over.</summary>
    public static readonly SearchValues<char> TokenChars = SearchValues.Create(Base62Chars + "+/=_-");

    /// <summary>Characters of an RFC 6750 bearer token (b64token).</summary>
    public static readonly SearchValues<char> BearerTokenChars = SearchValues.Create(Base62Chars + "-._~+/=");

    /// <summary>[A-Z0-9], the body of an AWS access key id.</summary>
    public static readonly SearchValues<char> UpperAlphanumeric = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    /// <summary>Characters of a URL-encoded SAS signature.</summary>
    public static readonly SearchValues<char> UrlEncodedBase64 = SearchValues.Create(Base62Chars + "+/=%");

    /// <summary>
    /// Length of the run of <paramref name="alphabet"/> characters at the start of <paramref name="text"/>, counting
    /// at most <paramref name="limit"/> characters. The limit keeps every rule's work per position constant, so a
    /// hostile string of repeated prefixes cannot make the scan quadratic.
    /// </summary>
    public static int RunLength(ReadOnlySpan<char> text, SearchValues<char> alphabet, int limit = ScanLimit)
    {
        var window = text.Length > limit ? text[..limit] : text;
        var end = window.IndexOfAnyExcept(alphabet);
        return end < 0 ? window.Length : end;
    }

    /// <summary>Enough characters to decide any "at least N characters" rule.</summary>
    public const int ScanLimit = 256;
}
