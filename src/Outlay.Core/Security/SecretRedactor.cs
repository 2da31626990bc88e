using System.Text;

namespace Outlay.Core.Security;

/// <summary>
/// Removes credential-shaped words from text that may echo input back (an error message naming the value it could
/// not use), so an answer never repeats a secret someone sent by mistake.
/// </summary>
public static class SecretRedactor
{
    /// <summary>What a removed word is replaced with.</summary>
    public const string Placeholder = "[credential-shaped value removed]";

    private static readonly char[] Separators = [' ', '\t', '\r', '\n', '\'', '"', ',', ';', '(', ')', '[', ']', '{', '}', '<', '>', '&', '?'];

    /// <summary>
    /// <paramref name="text"/> unchanged when <see cref="SecretDetector"/> finds nothing in it; otherwise with every
    /// credential-shaped word replaced by <see cref="Placeholder"/>, or, when what is left still looks like a
    /// credential (one split across words, such as a PEM block), the placeholder alone.
    /// </summary>
    public static string Redact(string text)
    {
        if (SecretDetector.DetectFormat(text) is null)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOfAny(Separators, start);
            if (end < 0)
            {
                end = text.Length;
            }

            var word = text.AsSpan(start, end - start);
            result.Append(SecretDetector.DetectFormat(word) is null ? word : Placeholder);
            if (end < text.Length)
            {
                result.Append(text[end]);
            }

            start = end + 1;
        }

        var redacted = result.ToString();
        return SecretDetector.DetectFormat(redacted) is null ? redacted : Placeholder;
    }
}
