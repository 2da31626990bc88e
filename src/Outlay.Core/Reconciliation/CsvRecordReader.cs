using System.Text;

namespace Outlay.Core.Reconciliation;

/// <summary>
/// Splits RFC 4180 text into records: comma-separated fields, a field in double quotes may hold commas, line breaks
/// and doubled quotes; CRLF or LF ends a record. Each record carries the line it starts on, for error messages.
/// </summary>
internal sealed class CsvRecordReader(string text)
{
    private const int MaxFields = 64;
    private const int MaxFieldLength = 4096;

    private int position;
    private int line = 1;

    /// <summary>The next record and its first line, or null at the end; a blank line is returned as one empty field.</summary>
    public (List<string> Fields, int Line)? Next()
    {
        if (position >= text.Length)
        {
            return null;
        }

        var startLine = line;
        var fields = new List<string>();
        var field = new StringBuilder();
        while (true)
        {
            if (position < text.Length && text[position] == '"' && field.Length == 0)
            {
                ReadQuoted(field, startLine);
            }

            // Unquoted field text up to a comma or line end.
            while (position < text.Length && text[position] is not (',' or '\r' or '\n'))
            {
                if (text[position] == '"')
                {
                    throw new UsageImportException($"line {line}: a quote inside an unquoted field (quote the whole field and double the quote).");
                }

                Append(field, text[position++], startLine);
            }

            AddField(fields, field, startLine);
            if (position >= text.Length)
            {
                return (fields, startLine);
            }

            var separator = text[position++];
            if (separator == ',')
            {
                continue;
            }

            if (separator == '\r' && position < text.Length && text[position] == '\n')
            {
                position++;
            }

            line++;
            return (fields, startLine);
        }
    }

    private void ReadQuoted(StringBuilder field, int startLine)
    {
        position++;
        while (true)
        {
            if (position >= text.Length)
            {
                throw new UsageImportException($"line {startLine}: a quoted field is not closed.");
            }

            var c = text[position++];
            if (c == '"')
            {
                if (position < text.Length && text[position] == '"')
                {
                    Append(field, '"', startLine);
                    position++;
                    continue;
                }

                if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    throw new UsageImportException($"line {line}: text after a closing quote (double a quote inside a quoted field).");
                }

                return;
            }

            if (c == '\n')
            {
                line++;
            }

            Append(field, c, startLine);
        }
    }

    private static void Append(StringBuilder field, char c, int startLine)
    {
        if (field.Length >= MaxFieldLength)
        {
            throw new UsageImportException($"line {startLine}: a field is longer than {MaxFieldLength} characters.");
        }

        field.Append(c);
    }

    private static void AddField(List<string> fields, StringBuilder field, int startLine)
    {
        if (fields.Count >= MaxFields)
        {
            throw new UsageImportException($"line {startLine}: more than {MaxFields} fields.");
        }

        fields.Add(field.ToString());
        field.Clear();
    }
}
