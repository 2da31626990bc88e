using System.Text;

namespace Outlay.Server.Alerts.Delivery.Email;

/// <summary>RFC 2047 encoded words for a header value that is not plain ASCII.</summary>
internal static class EncodedWords
{
    // 45 UTF-8 bytes make 60 base64 characters; with "=?utf-8?B?" and "?=" a word stays under RFC 2047's 75.
    private const int MaxBytesPerWord = 45;

    /// <summary>
    /// <paramref name="value"/> as is when it is printable ASCII; otherwise as <c>=?utf-8?B?…?=</c> words folded
    /// onto continuation lines, never splitting a character between words.
    /// </summary>
    public static string Encode(string value)
    {
        if (value.All(c => c is >= ' ' and <= '~') && value.Length <= 200)
        {
            return value;
        }

        var words = new List<string>();
        var chunk = new List<byte>(MaxBytesPerWord);
        Span<byte> scratch = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            var length = rune.EncodeToUtf8(scratch);
            if (chunk.Count + length > MaxBytesPerWord)
            {
                words.Add(Word(chunk));
                chunk.Clear();
            }

            for (var i = 0; i < length; i++)
            {
                chunk.Add(scratch[i]);
            }
        }

        if (chunk.Count > 0)
        {
            words.Add(Word(chunk));
        }

        return string.Join("\r\n ", words);
    }

    private static string Word(List<byte> bytes) => "=?utf-8?B?" + Convert.ToBase64String(bytes.ToArray()) + "?=";
}
