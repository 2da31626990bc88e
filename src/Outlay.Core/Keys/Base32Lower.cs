namespace Outlay.Core.Keys;

/// <summary>RFC 4648 base32 in lowercase without padding: case-insensitive-safe, URL- and shell-safe key text.</summary>
internal static class Base32Lower
{
    public const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Characters needed for <paramref name="byteCount"/> bytes (5 bits per character, rounded up).</summary>
    public static int EncodedLength(int byteCount) => ((byteCount * 8) + 4) / 5;

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[EncodedLength(bytes.Length)];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars[index++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        if (bits > 0)
        {
            chars[index++] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars, 0, index);
    }

    public static bool IsAlphabet(char c) => c is >= 'a' and <= 'z' or >= '2' and <= '7';
}
