namespace Outlay.Core.Keys;

/// <summary>
/// The text form of an Outlay key: <c>olk_{kind}_{keyId}_{secret}</c>, kind <c>ingest|read|admin</c>,
/// keyId 12 and secret 52 lowercase base32 characters. The fixed prefix lets secret scanners recognise a leak.
/// </summary>
public static class ApiKeyText
{
    /// <summary>Length of the public key id.</summary>
    public const int KeyIdLength = 12;

    /// <summary>Random bytes in the secret part (256 bits).</summary>
    public const int SecretBytes = 32;

    /// <summary>Characters of the secret part: 32 bytes in base32 without padding.</summary>
    public static readonly int SecretLength = Base32Lower.EncodedLength(SecretBytes);

    private const string Prefix = "olk_";

    /// <summary>The longest valid key text (an ingest key); anything longer is refused before any other work.</summary>
    public static readonly int MaxLength = Prefix.Length + "ingest_".Length + KeyIdLength + 1 + SecretLength;

    /// <summary>The kind word used in key text, e.g. <c>ingest</c>.</summary>
    public static string KindName(ApiKeyKind kind) => kind switch
    {
        ApiKeyKind.Ingest => "ingest",
        ApiKeyKind.Read => "read",
        ApiKeyKind.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Strictly parses key text: exact prefix, a known kind, exact lengths and the base32 alphabet.
    /// Only the shape is checked; the secret is verified with <see cref="ApiKeyVerifier"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ApiKeyKind kind, out string keyId)
    {
        kind = default;
        keyId = string.Empty;
        if (text.Length > MaxLength || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[Prefix.Length..];
        if (!TryParseKind(ref rest, out var parsedKind)
            || rest.Length != KeyIdLength + 1 + SecretLength
            || rest[KeyIdLength] != '_'
            || !AllBase32(rest[..KeyIdLength])
            || !AllBase32(rest[(KeyIdLength + 1)..]))
        {
            return false;
        }

        kind = parsedKind;
        keyId = rest[..KeyIdLength].ToString();
        return true;
    }

    internal static string Format(ApiKeyKind kind, string keyId, string secret) =>
        string.Concat(Prefix, KindName(kind), "_", keyId, "_", secret);

    private static bool TryParseKind(ref ReadOnlySpan<char> rest, out ApiKeyKind kind)
    {
        foreach (var candidate in (ReadOnlySpan<ApiKeyKind>)[ApiKeyKind.Ingest, ApiKeyKind.Read, ApiKeyKind.Admin])
        {
            var name = KindName(candidate);
            if (rest.Length > name.Length && rest.StartsWith(name, StringComparison.Ordinal) && rest[name.Length] == '_')
            {
                rest = rest[(name.Length + 1)..];
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    private static bool AllBase32(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!Base32Lower.IsAlphabet(c))
            {
                return false;
            }
        }

        return true;
    }
}
