using System.Globalization;
using Outlay.Core.Pricing;

namespace Outlay.Core.Querying;

/// <summary>A spend result as RFC 4180 CSV, with the same rows, order and numbers as <see cref="SpendResultJson"/>.</summary>
public static class SpendCsv
{
    /// <summary>The metric columns, after the group-by names and <c>bucket</c> (time series only).</summary>
    public static readonly IReadOnlyList<string> MetricColumns =
    [
        "cost_usd", "events", "unpriced_events", "input_tokens", "output_tokens",
        "cache_read_tokens", "cache_write_tokens", "reasoning_tokens",
    ];

    /// <summary>
    /// Writes a header line and one line per row, each ended by CRLF. Money is the exact decimal the JSON holds; an
    /// unset dimension is an empty cell; buckets are written as in the JSON. Text cells are quoted when they hold a comma,
    /// quote, CR or LF, and a text cell starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or CR gets a leading
    /// <c>'</c> so a spreadsheet does not run it as a formula. Numbers are never altered.
    /// </summary>
    public static void Write(TextWriter writer, SpendResult result, SpendQuery query)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(query);

        var series = query.Interval != SpendInterval.None;
        var header = new List<string>();
        foreach (var dimension in query.GroupBy)
        {
            header.Add(dimension.Name);
        }

        if (series)
        {
            header.Add("bucket");
        }

        header.AddRange(MetricColumns);
        for (var i = 0; i < header.Count; i++)
        {
            WriteSeparator(writer, i);
            WriteText(writer, header[i]);
        }

        writer.Write("\r\n");

        foreach (var row in result.Rows)
        {
            var column = 0;
            foreach (var dimension in query.GroupBy)
            {
                WriteSeparator(writer, column++);
                if (row.Dimensions.TryGetValue(dimension.Name, out var value) && value is not null)
                {
                    WriteText(writer, value);
                }
            }

            if (series)
            {
                WriteSeparator(writer, column++);
                if (row.Bucket is { } bucket)
                {
                    writer.Write(SpendResultJson.FormatInstant(bucket, query.TimeZone));
                }
            }

            WriteSeparator(writer, column);
            writer.Write(NanoUsd.ToUsd(row.CostNanoUsd).ToString(CultureInfo.InvariantCulture));
            WriteNumber(writer, row.Events);
            WriteNumber(writer, row.UnpricedEvents);
            WriteNumber(writer, row.InputTokens);
            WriteNumber(writer, row.OutputTokens);
            WriteNumber(writer, row.CacheReadTokens);
            WriteNumber(writer, row.CacheWriteTokens);
            WriteNumber(writer, row.ReasoningTokens);
            writer.Write("\r\n");
        }
    }

    /// <summary>One text cell: formula-neutralised, then quoted if needed.</summary>
    public static string TextCell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static void WriteText(TextWriter writer, string value) => writer.Write(TextCell(value));

    private static void WriteNumber(TextWriter writer, long value)
    {
        writer.Write(',');
        writer.Write(value.ToString(CultureInfo.InvariantCulture));
    }

    private static void WriteSeparator(TextWriter writer, int column)
    {
        if (column > 0)
        {
            writer.Write(',');
        }
    }
}
