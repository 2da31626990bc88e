using System.Data.Common;
using Outlay.Core.Reconciliation;

namespace Outlay.Storage.Relational;

/// <summary>
/// How provider-reported daily usage is stored by every engine: the SQL both run (parameters written <c>@name</c>),
/// validation, and the row reader over <see cref="Select"/>. The day and the import time are Unix milliseconds; a
/// dimension the provider did not group by is the empty string, so the natural key is a plain unique key.
/// </summary>
internal static class ProviderUsageColumns
{
    /// <summary>Longest provider and source name: 64 characters.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Longest model name: 256 characters.</summary>
    public const int MaxModelLength = 256;

    /// <summary>Largest token or request count: 10^15.</summary>
    public const long MaxCount = 1_000_000_000_000_000L;

    private static readonly string[] Tiers = ["", UsageTiers.Default, UsageTiers.Batch, UsageTiers.Flex, UsageTiers.Priority];

    public const string Select = """
        SELECT provider, day_ms, provider_key_id, provider_project, model, service_tier, requests, input_tokens,
               output_tokens, cache_read_tokens, cache_write_tokens, cost_nano, source, imported_ms
        FROM provider_usage_daily
        WHERE project_id = @project AND day_ms >= @from AND day_ms < @to
        ORDER BY day_ms, provider, provider_key_id, provider_project, model, service_tier
        """;

    /// <summary>
    /// Inserts or replaces by natural key. A cost-only record (from a costs export: no request count, no tokens, a
    /// cost) sets only the cost of a row that has tokens, and a record without a cost keeps the stored cost, so usage
    /// and costs of the same day and key can be imported in either order.
    /// </summary>
    public const string Upsert = """
        INSERT INTO provider_usage_daily (project_id, provider, day_ms, provider_key_id, provider_project, model, service_tier,
                                          requests, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
                                          cost_nano, source, imported_ms)
        VALUES (@project, @provider, @day, @key, @provider_project, @model, @tier, @requests, @input, @output, @cache_read,
                @cache_write, @cost, @source, @imported)
        ON CONFLICT (project_id, provider, day_ms, provider_key_id, provider_project, model, service_tier) DO UPDATE SET
            requests = CASE WHEN @cost_only THEN provider_usage_daily.requests ELSE excluded.requests END,
            input_tokens = CASE WHEN @cost_only THEN provider_usage_daily.input_tokens ELSE excluded.input_tokens END,
            output_tokens = CASE WHEN @cost_only THEN provider_usage_daily.output_tokens ELSE excluded.output_tokens END,
            cache_read_tokens = CASE WHEN @cost_only THEN provider_usage_daily.cache_read_tokens ELSE excluded.cache_read_tokens END,
            cache_write_tokens = CASE WHEN @cost_only THEN provider_usage_daily.cache_write_tokens ELSE excluded.cache_write_tokens END,
            cost_nano = COALESCE(excluded.cost_nano, provider_usage_daily.cost_nano),
            source = excluded.source,
            imported_ms = excluded.imported_ms
        """;

    /// <summary>The parameters of <see cref="Upsert"/> for one record, in a fixed order.</summary>
    public static IEnumerable<(string Name, object Value)> Parameters(string projectId, ProviderUsageRecord record)
    {
        yield return ("project", projectId);
        yield return ("provider", record.Provider);
        yield return ("day", record.Day.ToUnixTimeMilliseconds());
        yield return ("key", record.ProviderKeyId);
        yield return ("provider_project", record.ProviderProject);
        yield return ("model", record.Model);
        yield return ("tier", record.ServiceTier);
        yield return ("requests", record.Requests is { } requests ? requests : DBNull.Value);
        yield return ("input", record.InputTokens);
        yield return ("output", record.OutputTokens);
        yield return ("cache_read", record.CacheReadTokens);
        yield return ("cache_write", record.CacheWriteTokens);
        yield return ("cost", record.CostNanoUsd is { } cost ? cost : DBNull.Value);
        yield return ("source", record.Source);
        yield return ("imported", record.ImportedAt.ToUnixTimeMilliseconds());
        yield return ("cost_only", IsCostOnly(record));
    }

    public static bool IsCostOnly(ProviderUsageRecord record) =>
        record is { Requests: null, InputTokens: 0, OutputTokens: 0, CacheReadTokens: 0, CacheWriteTokens: 0, CostNanoUsd: not null };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first record that cannot be stored.</summary>
    public static void Validate(string projectId, IReadOnlyList<ProviderUsageRecord> records)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(records);
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i] ?? throw new ArgumentException($"records[{i}] is null.", nameof(records));
            var problem = Problem(record);
            if (problem is not null)
            {
                throw new ArgumentException($"records[{i}]: {problem}", nameof(records));
            }
        }
    }

    public static ProviderUsageRecord Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new ProviderUsageRecord(
            Provider: reader.GetString(0),
            Day: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            ProviderKeyId: reader.GetString(2),
            ProviderProject: reader.GetString(3),
            Model: reader.GetString(4),
            ServiceTier: reader.GetString(5),
            Requests: reader.IsDBNull(6) ? null : reader.GetInt64(6),
            InputTokens: reader.GetInt64(7),
            OutputTokens: reader.GetInt64(8),
            CacheReadTokens: reader.GetInt64(9),
            CacheWriteTokens: reader.GetInt64(10),
            CostNanoUsd: reader.IsDBNull(11) ? null : reader.GetInt64(11),
            Source: reader.GetString(12),
            ImportedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)));
    }

    private static string? Problem(ProviderUsageRecord record)
    {
        if (!IsName(record.Provider))
        {
            return "provider must be 1–64 characters.";
        }

        if (!IsName(record.Source))
        {
            return "source must be 1–64 characters.";
        }

        if (record.Day.ToUnixTimeMilliseconds() % 86_400_000 != 0)
        {
            return "day must be the start of a UTC day.";
        }

        if (record.ProviderKeyId is null || record.ProviderKeyId.Length > ProviderKeyMapping.MaxLength
            || record.ProviderProject is null || record.ProviderProject.Length > ProviderKeyMapping.MaxLength)
        {
            return $"provider key id and project must be at most {ProviderKeyMapping.MaxLength} characters.";
        }

        if (record.Model is null || record.Model.Length > MaxModelLength)
        {
            return $"model must be at most {MaxModelLength} characters.";
        }

        if (!Tiers.Contains(record.ServiceTier, StringComparer.Ordinal))
        {
            return "service tier must be empty, default, batch, flex or priority.";
        }

        long?[] counts = [record.Requests, record.InputTokens, record.OutputTokens, record.CacheReadTokens, record.CacheWriteTokens];
        if (counts.Any(c => c is < 0 or > MaxCount))
        {
            return "counts must be from 0 to 10^15.";
        }

        return null;
    }

    private static bool IsName(string? name) => !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength;
}
