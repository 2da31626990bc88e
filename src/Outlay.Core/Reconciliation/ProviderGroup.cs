namespace Outlay.Core.Reconciliation;

/// <summary>Provider-reported usage of one day, provider, key (its label when mapped, else its ref) and compared model name.</summary>
internal sealed class ProviderGroup(DateTimeOffset day, string provider, string? keyLabel, string modelKey)
{
    public DateTimeOffset Day { get; } = day;

    public string Provider { get; } = provider;

    public string? KeyLabel { get; } = keyLabel;

    public string ModelKey { get; } = modelKey;

    public HashSet<string> Models { get; } = new(StringComparer.Ordinal);

    public HashSet<string> References { get; } = new(StringComparer.Ordinal);

    public long InputTokens { get; private set; }

    public long OutputTokens { get; private set; }

    public long CacheReadTokens { get; private set; }

    public long BatchTokens { get; private set; }

    public long? CostNanoUsd { get; private set; }

    public void Add(ProviderUsageRecord record, string reference)
    {
        References.Add(reference);
        if (record.Model.Length > 0)
        {
            Models.Add(record.Model);
        }

        InputTokens = checked(InputTokens + record.InputTokens);
        OutputTokens = checked(OutputTokens + record.OutputTokens);
        CacheReadTokens = checked(CacheReadTokens + record.CacheReadTokens);
        if (string.Equals(record.ServiceTier, UsageTiers.Batch, StringComparison.Ordinal))
        {
            BatchTokens = checked(BatchTokens + record.InputTokens + record.OutputTokens);
        }

        if (record.CostNanoUsd is { } cost)
        {
            CostNanoUsd = checked((CostNanoUsd ?? 0) + cost);
        }
    }
}
