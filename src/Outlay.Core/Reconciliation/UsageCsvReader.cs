using System.Globalization;
using System.Text;
using Outlay.Core.Pricing;

namespace Outlay.Core.Reconciliation;

/// <summary>
/// Reads Outlay's provider usage CSV, for providers whose export Outlay does not read natively. RFC 4180, UTF-8, a
/// header row naming the columns (any order): <c>date,provider,model,key_id,project,service_tier,requests,input_tokens,
/// output_tokens,cache_read_tokens,cache_write_tokens,cost_usd</c>. Only <c>date</c> (<c>yyyy-MM-dd</c>, or an
/// RFC 3339 time, taken as its UTC day), <c>provider</c>, <c>input_tokens</c> (all input, cache included) and
/// <c>output_tokens</c> are required; an empty optional cell is empty text, zero, or (requests, cost) unknown.
/// <c>cost_usd</c> is a decimal number of dollars. Unknown columns are refused so a typo cannot drop a figure.
/// </summary>
public static class UsageCsvReader
{
    /// <summary>The <see cref="ProviderUsageRecord.Source"/> of a CSV import.</summary>
    public const string Source = "csv";

    /// <summary>Every column, in the documented order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "date", "provider", "model", "key_id", "project", "service_tier", "requests", "input_tokens", "output_tokens",
        "cache_read_tokens", "cache_write_tokens", "cost_usd",
    ];

    private static readonly string[] RequiredColumns = ["date", "provider", "input_tokens", "output_tokens"];

    /// <summary>Reads one CSV file; throws <see cref="UsageImportException"/> naming the line and column.</summary>
    public static ProviderUsageImport Read(ReadOnlyMemory<byte> csv, DateTimeOffset importedAt)
    {
        UsageImportFormats.CheckSize(csv.Length);
        var reader = new CsvRecordReader(Decode(csv.Span));
        var header = reader.Next() ?? throw new UsageImportException("line 1: the file is empty; a header row is required.");
        var index = ReadHeader(header.Fields);
        var accumulator = new ProviderUsageAccumulator();
        while (reader.Next() is { } record)
        {
            if (record.Fields is [""])
            {
                continue;
            }

            if (record.Fields.Count != header.Fields.Count)
            {
                throw new UsageImportException($"line {record.Line}: {record.Fields.Count} fields where the header has {header.Fields.Count}.");
            }

            accumulator.Add(ReadRecord(new Row(record.Fields, index, record.Line), importedAt), $"line {record.Line}");
        }

        return new ProviderUsageImport(UsageImportFormats.Csv, accumulator.ToList(), accumulator.RowsRead, false, null);
    }

    private static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\xEF\xBB\xBF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new UsageImportException("The file is not valid UTF-8.", ex);
        }
    }

    private static Dictionary<string, int> ReadHeader(List<string> fields)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var name = fields[i].Trim().ToLowerInvariant();
            if (!Columns.Contains(name, StringComparer.Ordinal))
            {
                throw new UsageImportException($"line 1, column {i + 1}: unknown column (expected {string.Join(',', Columns)}).");
            }

            if (!index.TryAdd(name, i))
            {
                throw new UsageImportException($"line 1: column {name} appears twice.");
            }
        }

        foreach (var required in RequiredColumns)
        {
            if (!index.ContainsKey(required))
            {
                throw new UsageImportException($"line 1: the header has no {required} column (required: {string.Join(',', RequiredColumns)}).");
            }
        }

        return index;
    }

    private static ProviderUsageRecord ReadRecord(Row row, DateTimeOffset importedAt)
    {
        var input = row.Count("input_tokens", required: true) ?? 0;
        var cacheRead = row.Count("cache_read_tokens") ?? 0;
        var cacheWrite = row.Count("cache_write_tokens") ?? 0;
        if (cacheRead + cacheWrite > input)
        {
            throw new UsageImportException($"line {row.Line}: cache_read_tokens + cache_write_tokens exceed input_tokens (input_tokens counts all input, cache included).");
        }

        var tier = row.Text("service_tier", 32);
        return new ProviderUsageRecord(
            row.Provider(),
            row.Day(),
            row.Text("key_id", UsageImportLimits.MaxRefLength),
            row.Text("project", UsageImportLimits.MaxRefLength),
            row.Text("model", UsageImportLimits.MaxModelLength),
            UsageTiers.Normalize(tier, $"line {row.Line}, field service_tier"),
            row.Count("requests"),
            input,
            row.Count("output_tokens", required: true) ?? 0,
            cacheRead,
            cacheWrite,
            row.Cost(),
            Source,
            importedAt);
    }

    private readonly record struct Row(List<string> Fields, Dictionary<string, int> Index, int Line)
    {
        public string Text(string column, int maxLength)
        {
            var value = Index.TryGetValue(column, out var i) ? Fields[i].Trim() : string.Empty;
            if (value.Length > maxLength)
            {
                throw new UsageImportException($"line {Line}, field {column}: longer than {maxLength} characters.");
            }

            if (value.Any(char.IsControl))
            {
                throw new UsageImportException($"line {Line}, field {column}: contains a control character.");
            }

            return value;
        }

        public long? Count(string column, bool required = false)
        {
            var value = Text(column, 32);
            if (value.Length == 0)
            {
                return required ? throw new UsageImportException($"line {Line}, field {column}: required.") : null;
            }

            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > UsageImportLimits.MaxCount)
            {
                throw new UsageImportException($"line {Line}, field {column}: must be a whole number from 0 to {UsageImportLimits.MaxCount:N0}.");
            }

            return count;
        }

        public long? Cost()
        {
            var value = Text("cost_usd", 64);
            return value.Length == 0 ? null : UsageJson.DollarsToNano(value, $"line {Line}, field cost_usd");
        }

        public string Provider()
        {
            var value = Text("provider", UsageImportLimits.MaxProviderLength);
            var provider = ProviderNames.Normalize(value);
            if (provider.Length == 0 || !provider.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' or '.'))
            {
                throw new UsageImportException($"line {Line}, field provider: must be a provider name (letters, digits, _ - .).");
            }

            return provider;
        }

        public DateTimeOffset Day()
        {
            var value = Text("date", 64);
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }

            if (value.Contains('T', StringComparison.Ordinal)
                && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                return UsageJson.DayOf(instant);
            }

            throw new UsageImportException($"line {Line}, field date: must be yyyy-MM-dd or an RFC 3339 time.");
        }
    }
}
