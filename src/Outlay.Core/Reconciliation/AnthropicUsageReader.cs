using System.Globalization;
using System.Text.Json;
using Outlay.Core.Pricing;

namespace Outlay.Core.Reconciliation;

/// <summary>
/// Reads the Anthropic usage report (<c>/v1/organizations/usage_report/messages</c>): a page envelope, a bare array of
/// buckets or one bucket. Input is <c>uncached_input_tokens</c> + <c>cache_read_input_tokens</c> + both
/// <c>cache_creation</c> counts (5 minute and 1 hour); <c>workspace_id</c> is the provider project; tiers
/// <c>standard</c>→<c>default</c>, <c>batch</c>, <c>priority</c>. The report has no request count and no cost.
/// </summary>
public static class AnthropicUsageReader
{
    /// <summary>The <see cref="ProviderUsageRecord.Source"/> of an imported file.</summary>
    public const string FileSource = "anthropic_usage_json";

    /// <summary>The <see cref="ProviderUsageRecord.Source"/> of a page pulled from the admin API.</summary>
    public const string ApiSource = "anthropic_api";

    /// <summary>Reads one file or API page; throws <see cref="UsageImportException"/> naming the bad field.</summary>
    public static ProviderUsageImport Read(ReadOnlyMemory<byte> json, DateTimeOffset importedAt, string source = FileSource)
    {
        using var document = UsageJson.Parse(json);
        return Read(document.RootElement, importedAt, source);
    }

    internal static ProviderUsageImport Read(JsonElement root, DateTimeOffset importedAt, string source)
    {
        var accumulator = new ProviderUsageAccumulator();
        foreach (var (bucket, path) in UsageJson.Buckets(root, "starting_at"))
        {
            var day = UsageJson.DayOf(StartingAt(bucket, path));
            foreach (var (result, resultPath) in UsageJson.Results(bucket, path))
            {
                accumulator.Add(ReadResult(result, resultPath, day, importedAt, source), resultPath);
            }
        }

        var (hasMore, next) = UsageJson.Paging(root);
        return new ProviderUsageImport(UsageImportFormats.Anthropic, accumulator.ToList(), accumulator.RowsRead, hasMore, next);
    }

    private static DateTimeOffset StartingAt(JsonElement bucket, string path)
    {
        var text = UsageJson.OptionalString(bucket, "starting_at", path, 64);
        if (text is null || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
        {
            throw new UsageImportException($"{path}.starting_at must be an RFC 3339 time.");
        }

        return start;
    }

    private static ProviderUsageRecord ReadResult(JsonElement result, string path, DateTimeOffset day, DateTimeOffset importedAt, string source)
    {
        var uncached = UsageJson.Count(result, "uncached_input_tokens", path, required: true);
        var cacheRead = UsageJson.Count(result, "cache_read_input_tokens", path);
        long cacheWrite = 0;
        if (result.TryGetProperty("cache_creation", out var creation) && creation.ValueKind != JsonValueKind.Null)
        {
            if (creation.ValueKind != JsonValueKind.Object)
            {
                throw new UsageImportException($"{path}.cache_creation must be an object.");
            }

            cacheWrite = UsageJson.Count(creation, "ephemeral_5m_input_tokens", path + ".cache_creation")
                + UsageJson.Count(creation, "ephemeral_1h_input_tokens", path + ".cache_creation");
        }

        var input = uncached + cacheRead + cacheWrite;
        if (input > UsageImportLimits.MaxCount)
        {
            throw new UsageImportException($"{path}: input tokens add up to more than {UsageImportLimits.MaxCount:N0}.");
        }

        var tier = UsageJson.OptionalString(result, "service_tier", path, 32);
        return new ProviderUsageRecord(
            ProviderNames.Anthropic,
            day,
            UsageJson.OptionalString(result, "api_key_id", path, UsageImportLimits.MaxRefLength) ?? string.Empty,
            UsageJson.OptionalString(result, "workspace_id", path, UsageImportLimits.MaxRefLength) ?? string.Empty,
            UsageJson.OptionalString(result, "model", path, UsageImportLimits.MaxModelLength) ?? string.Empty,
            tier is null ? string.Empty : UsageTiers.Normalize(tier, $"{path}.service_tier"),
            null,
            input,
            UsageJson.Count(result, "output_tokens", path),
            cacheRead,
            cacheWrite,
            null,
            source,
            importedAt);
    }
}
