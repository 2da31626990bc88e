using System.Runtime.InteropServices;
using Outlay.Core.Events;

namespace Outlay.Storage.Relational;

/// <summary>
/// The rollup deltas of one append, summed in memory per row of each rollup table, so the transaction ends with one
/// UPSERT per touched row instead of one per event and table. Events are added (or, when a richer copy replaces
/// one, removed) together in all three tables, so the tables can never disagree.
/// </summary>
internal sealed class BatchRollups
{
    // Tag keys come from clients; the cache of "tag.<key>" names is dropped when it grows past this many entries.
    private const int MaxCachedTagNames = 1_024;

    // The column dimensions in SpendDimension.Columns order; Apply reads the RollupKey fields in the same order.
    private static readonly string[] ColumnNames =
        ["provider", "model", "operation", "service", "environment", "key_label", "status", "service_tier"];

    private readonly Dictionary<string, string> _tagDimensionNames = new(StringComparer.Ordinal);

    public Dictionary<RollupKey, RollupSums> Full { get; } = [];

    public Dictionary<DimensionRollupKey, RollupSums> Dimensions { get; } = [];

    /// <summary>The same sums as <see cref="Dimensions"/> per UTC day; <see cref="DimensionRollupKey.Hour"/> is the day's start.</summary>
    public Dictionary<DimensionRollupKey, RollupSums> DailyDimensions { get; } = [];

    public Dictionary<PriceUsageKey, RollupSums> Prices { get; } = [];

    /// <summary>Credential places and usage; the callers add to it beside <see cref="Add(RollupKey, IReadOnlyDictionary{string, string}, string, long?, TokenUsage)"/>, since it needs the instance and exact time.</summary>
    public CredentialBatch Credentials { get; } = new();

    /// <summary>The price-usage key part of an event: its price entry id, or '' when it is unpriced.</summary>
    public static string PriceKeyOf(long? costNano, string? priceId) => costNano is null ? string.Empty : priceId ?? string.Empty;

    public void Add(RollupKey key, IReadOnlyDictionary<string, string> tags, string priceKey, long? costNano, TokenUsage usage) =>
        Apply(key, tags, priceKey, costNano, usage, remove: false);

    public void Remove(RollupKey key, IReadOnlyDictionary<string, string> tags, string priceKey, long? costNano, TokenUsage usage) =>
        Apply(key, tags, priceKey, costNano, usage, remove: true);

    /// <summary>Adds every sum of <paramref name="other"/> (another batch's deltas) to this one's; <paramref name="other"/> is not changed.</summary>
    /// <exception cref="OverflowException">A sum would exceed 2^63-1.</exception>
    public void Add(BatchRollups other)
    {
        AddAll(Full, other.Full);
        AddAll(Dimensions, other.Dimensions);
        AddAll(DailyDimensions, other.DailyDimensions);
        AddAll(Prices, other.Prices);
        Credentials.Add(other.Credentials);
    }

    /// <summary>Empties the sums for the next append; the tag-name cache is kept.</summary>
    public void Clear()
    {
        Full.Clear();
        Dimensions.Clear();
        DailyDimensions.Clear();
        Prices.Clear();
        Credentials.Clear();
    }

    private static void Apply(ref RollupSums sums, long? costNano, TokenUsage usage, bool remove)
    {
        if (remove)
        {
            sums.Remove(costNano, usage);
        }
        else
        {
            sums.Add(costNano, usage);
        }
    }

    private void Apply(RollupKey key, IReadOnlyDictionary<string, string> tags, string priceKey, long? costNano, TokenUsage usage, bool remove)
    {
        var hour = key.Hour;
        Apply(ref SumsOf(Full, key), costNano, usage, remove);
        Apply(ref SumsOf(Prices, new PriceUsageKey(hour, key.Provider, key.Model, priceKey)), costNano, usage, remove);
        var day = hour - (((hour % 86_400) + 86_400) % 86_400);
        ApplyDimension(hour, day, string.Empty, string.Empty, costNano, usage, remove);
        ApplyDimension(hour, day, ColumnNames[0], key.Provider, costNano, usage, remove);
        ApplyDimension(hour, day, ColumnNames[1], key.Model, costNano, usage, remove);
        ApplyDimension(hour, day, ColumnNames[2], key.Operation, costNano, usage, remove);
        ApplyDimension(hour, day, ColumnNames[3], key.Service, costNano, usage, remove);
        ApplyDimension(hour, day, ColumnNames[4], key.Environment, costNano, usage, remove);
        ApplyDimension(hour, day, ColumnNames[5], key.KeyLabel, costNano, usage, remove);
        ApplyDimension(hour, day, ColumnNames[6], key.Status, costNano, usage, remove);
        ApplyDimension(hour, day, ColumnNames[7], key.ServiceTier, costNano, usage, remove);
        if (tags is Dictionary<string, string> dictionary)
        {
            // Enumerated as the concrete type: through the interface each event would box an enumerator.
            foreach (var (tag, value) in dictionary)
            {
                ApplyDimension(hour, day, TagDimensionName(tag), value, costNano, usage, remove);
            }
        }
        else
        {
            foreach (var (tag, value) in tags)
            {
                ApplyDimension(hour, day, TagDimensionName(tag), value, costNano, usage, remove);
            }
        }
    }

    private void ApplyDimension(long hour, long day, string dimension, string value, long? costNano, TokenUsage usage, bool remove)
    {
        Apply(ref SumsOf(Dimensions, new DimensionRollupKey(hour, dimension, value)), costNano, usage, remove);
        Apply(ref SumsOf(DailyDimensions, new DimensionRollupKey(day, dimension, value)), costNano, usage, remove);
    }

    private static void AddAll<TKey>(Dictionary<TKey, RollupSums> into, Dictionary<TKey, RollupSums> from)
        where TKey : notnull
    {
        foreach (var (key, sums) in from)
        {
            SumsOf(into, key).Add(in sums);
        }
    }

    // One hash lookup whether the row exists or not: most full keys are new to a batch, and a lookup then an add would
    // hash those twice. A new row starts as all zeros, which is the empty sums.
    private static ref RollupSums SumsOf<TKey>(Dictionary<TKey, RollupSums> rollups, TKey key)
        where TKey : notnull =>
        ref CollectionsMarshal.GetValueRefOrAddDefault(rollups, key, out _);

    private string TagDimensionName(string tag)
    {
        if (!_tagDimensionNames.TryGetValue(tag, out var name))
        {
            if (_tagDimensionNames.Count >= MaxCachedTagNames)
            {
                _tagDimensionNames.Clear();
            }

            name = "tag." + tag;
            _tagDimensionNames.Add(tag, name);
        }

        return name;
    }
}
