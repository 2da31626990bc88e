using System.Text.Json;

namespace Outlay.Core.Reconciliation;

/// <summary>
/// Reads a provider usage file in any of <see cref="UsageImportFormats"/>, recognising the format when it is not
/// given: JSON whose buckets have <c>starting_at</c> is Anthropic's, JSON with <c>start_time</c> buckets or an
/// <c>object</c> of <c>page</c>/<c>bucket</c> is OpenAI's, anything else is CSV.
/// </summary>
public static class ProviderUsageImporter
{
    /// <summary>Reads <paramref name="content"/>; <paramref name="format"/> null means recognise it. Throws <see cref="UsageImportException"/>.</summary>
    public static ProviderUsageImport Read(ReadOnlyMemory<byte> content, string? format, DateTimeOffset importedAt)
    {
        UsageImportFormats.CheckSize(content.Length);
        if (format is not null && !UsageImportFormats.All.Contains(format, StringComparer.Ordinal))
        {
            throw new UsageImportException($"Unknown format (expected {string.Join(", ", UsageImportFormats.All)}).");
        }

        if (format == UsageImportFormats.Csv || (format is null && !LooksLikeJson(content.Span)))
        {
            return UsageCsvReader.Read(content, importedAt);
        }

        using var document = UsageJson.Parse(content);
        var root = document.RootElement;
        try
        {
            return (format ?? SniffJson(root)) switch
            {
                UsageImportFormats.Anthropic => AnthropicUsageReader.Read(root, importedAt, AnthropicUsageReader.FileSource),
                _ => OpenAiUsageReader.Read(root, importedAt, OpenAiUsageReader.FileSource),
            };
        }
        catch (InvalidOperationException ex)
        {
            // JsonDocument checks syntax, not the text inside strings: reading one that is not valid UTF-8 or holds an
            // unpaired surrogate escape throws this. Its message may quote the file, so it is not passed on.
            throw new UsageImportException("A string in the file is not valid UTF-8 or holds an unpaired surrogate escape.", ex);
        }
    }

    /// <summary>The format of <paramref name="content"/>, by the rules above; a JSON file of neither shape is reported as OpenAI's, whose reader then names what is missing.</summary>
    public static string Sniff(ReadOnlyMemory<byte> content)
    {
        if (!LooksLikeJson(content.Span))
        {
            return UsageImportFormats.Csv;
        }

        using var document = UsageJson.Parse(content);
        return SniffJson(document.RootElement);
    }

    private static bool LooksLikeJson(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\xEF\xBB\xBF"u8))
        {
            content = content[3..];
        }

        var trimmed = content.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] is (byte)'{' or (byte)'[';
    }

    private static string SniffJson(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty("object", out var kind) && kind.ValueKind == JsonValueKind.String)
            {
                return UsageImportFormats.OpenAI;
            }

            if (root.TryGetProperty("starting_at", out _))
            {
                return UsageImportFormats.Anthropic;
            }

            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                return SniffBuckets(data);
            }
        }
        else if (root.ValueKind == JsonValueKind.Array)
        {
            return SniffBuckets(root);
        }

        return UsageImportFormats.OpenAI;
    }

    private static string SniffBuckets(JsonElement buckets)
    {
        foreach (var bucket in buckets.EnumerateArray())
        {
            if (bucket.ValueKind == JsonValueKind.Object)
            {
                return bucket.TryGetProperty("starting_at", out _) ? UsageImportFormats.Anthropic : UsageImportFormats.OpenAI;
            }
        }

        return UsageImportFormats.OpenAI;
    }
}
