using System.Text.Json;
using Outlay.Core.Pricing;

namespace Outlay.Core.Reconciliation;

/// <summary>
/// Reads the OpenAI organization usage API (<c>/v1/organization/usage/completions</c>, <c>/usage/embeddings</c>,
/// <c>/usage/moderations</c>) and costs API (<c>/v1/organization/costs</c>) output: a page envelope, a bare array of
/// buckets, or one bucket. <c>input_tokens</c> already includes cached and cache-write tokens; a group-by field that is
/// null (not grouped) becomes empty; a bucket belongs to the UTC day its <c>start_time</c> falls in (the first bucket
/// can start mid-day); <c>batch: true</c> is the <c>batch</c> tier. A costs result carries only a cost (amount in
/// dollars, read from the number's own text, never through double) and no tokens.
/// </summary>
public static class OpenAiUsageReader
{
    /// <summary>The <see cref="ProviderUsageRecord.Source"/> of an imported file.</summary>
    public const string FileSource = "openai_usage_json";

    /// <summary>The <see cref="ProviderUsageRecord.Source"/> of a page pulled from the admin API.</summary>
    public const string ApiSource = "openai_api";

    private const string CompletionsObject = "organization.usage.completions.result";
    private const string EmbeddingsObject = "organization.usage.embeddings.result";
    private const string ModerationsObject = "organization.usage.moderations.result";
    private const string CostsObject = "organization.costs.result";

    /// <summary>Reads one file or API page; throws <see cref="UsageImportException"/> naming the bad field.</summary>
    public static ProviderUsageImport Read(ReadOnlyMemory<byte> json, DateTimeOffset importedAt, string source = FileSource)
    {
        using var document = UsageJson.Parse(json);
        return Read(document.RootElement, importedAt, source);
    }

    internal static ProviderUsageImport Read(JsonElement root, DateTimeOffset importedAt, string source)
    {
        var accumulator = new ProviderUsageAccumulator();
        foreach (var (bucket, path) in UsageJson.Buckets(root, "start_time"))
        {
            var day = UsageJson.DayOf(StartTime(bucket, path));
            foreach (var (result, resultPath) in UsageJson.Results(bucket, path))
            {
                accumulator.Add(ReadResult(result, resultPath, day, importedAt, source), resultPath);
            }
        }

        var (hasMore, next) = UsageJson.Paging(root);
        return new ProviderUsageImport(UsageImportFormats.OpenAI, accumulator.ToList(), accumulator.RowsRead, hasMore, next);
    }

    private static DateTimeOffset StartTime(JsonElement bucket, string path)
    {
        if (!bucket.TryGetProperty("start_time", out var start) || start.ValueKind != JsonValueKind.Number
            || !start.TryGetInt64(out var seconds) || seconds < 0 || seconds > 253_402_300_799L)
        {
            throw new UsageImportException($"{path}.start_time must be a Unix time in seconds.");
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static ProviderUsageRecord ReadResult(JsonElement result, string path, DateTimeOffset day, DateTimeOffset importedAt, string source)
    {
        var kind = UsageJson.OptionalString(result, "object", path, 128);
        var isCost = kind is null ? result.TryGetProperty("amount", out _) : string.Equals(kind, CostsObject, StringComparison.Ordinal);
        if (kind is not null && !isCost && kind is not (CompletionsObject or EmbeddingsObject or ModerationsObject))
        {
            throw new UsageImportException(
                $"{path}.object is not token usage: import completions, embeddings or moderations usage, or costs.");
        }

        var keyId = UsageJson.OptionalString(result, "api_key_id", path, UsageImportLimits.MaxRefLength) ?? string.Empty;
        var project = UsageJson.OptionalString(result, "project_id", path, UsageImportLimits.MaxRefLength) ?? string.Empty;
        if (isCost)
        {
            return new ProviderUsageRecord(
                ProviderNames.OpenAI, day, keyId, project, string.Empty, string.Empty, null, 0, 0, 0, 0,
                Cost(result, path), source, importedAt);
        }

        var model = UsageJson.OptionalString(result, "model", path, UsageImportLimits.MaxModelLength) ?? string.Empty;
        return new ProviderUsageRecord(
            ProviderNames.OpenAI,
            day,
            keyId,
            project,
            model,
            Tier(result, path),
            UsageJson.OptionalCount(result, "num_model_requests", path),
            UsageJson.Count(result, "input_tokens", path, required: true),
            UsageJson.Count(result, "output_tokens", path),
            UsageJson.Count(result, "input_cached_tokens", path),
            UsageJson.Count(result, "input_cache_write_tokens", path),
            null,
            source,
            importedAt);
    }

    private static string Tier(JsonElement result, string path)
    {
        var batch = UsageJson.OptionalBool(result, "batch", path);
        if (batch == true)
        {
            return "batch";
        }

        var tier = UsageJson.OptionalString(result, "service_tier", path, 32);
        if (tier is not null)
        {
            return UsageTiers.Normalize(tier, $"{path}.service_tier");
        }

        // Grouped by batch and not a batch row: the ordinary tier. Not grouped at all: unknown.
        return batch == false ? UsageTiers.Default : string.Empty;
    }

    private static long Cost(JsonElement result, string path)
    {
        if (!result.TryGetProperty("amount", out var amount) || amount.ValueKind != JsonValueKind.Object)
        {
            throw new UsageImportException($"{path}.amount must be an object with value and currency.");
        }

        var currency = UsageJson.OptionalString(amount, "currency", path + ".amount", 16);
        if (currency is not null && !string.Equals(currency, "usd", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageImportException($"{path}.amount.currency must be usd.");
        }

        if (!amount.TryGetProperty("value", out var value))
        {
            throw new UsageImportException($"{path}.amount.value is required.");
        }

        return UsageJson.DollarsToNano(value, path + ".amount.value");
    }
}
