using System.Text;

namespace Outlay.Server.Alerts.Delivery.Email;

/// <summary>Quoted-printable body encoding (RFC 2045 §6.7) of UTF-8 text, with CRLF line ends.</summary>
internal static class QuotedPrintable
{
    // 76 characters per encoded line, one of them kept for the soft break's "=".
    private const int MaxLine = 75;

    /// <summary>
    /// Encodes <paramref name="text"/> line by line: bytes outside printable ASCII, <c>=</c>, and a space or tab at a
    /// line end become <c>=XX</c>; long lines get soft breaks. A line may still start with a dot; the SMTP writer
    /// dot-stuffs.
    /// </summary>
    public static string Encode(string text)
    {
        var output = new StringBuilder(text.Length + (text.Length / 8));
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            EncodeLine(Encoding.UTF8.GetBytes(lines[i]), output);
            if (i < lines.Length - 1)
            {
                output.Append("\r\n");
            }
        }

        return output.ToString();
    }

    private static void EncodeLine(byte[] bytes, StringBuilder output)
    {
        var lineLength = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var last = i == bytes.Length - 1;
            var literal = (b is >= 33 and <= 126 && b != (byte)'=') || (b is (byte)' ' or (byte)'\t' && !last);
            var width = literal ? 1 : 3;
            if (lineLength + width > MaxLine)
            {
                output.Append("=\r\n");
                lineLength = 0;
            }

            if (literal)
            {
                output.Append((char)b);
            }
            else
            {
                output.Append('=').Append(Convert.ToHexString([b]));
            }

            lineLength += width;
        }
    }
}
