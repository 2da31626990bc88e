using System.Runtime.InteropServices;
using Outlay.Core.Events;

namespace Outlay.Storage.Relational;

/// <summary>
/// The credential-activity deltas of one append (or one re-pricing page), summed in memory like
/// <see cref="BatchRollups"/>: per place (key label × service × environment × instance × model) the events and time
/// bounds added, and per hour × place × feature the usage sums. Events without a key label are not tracked.
/// </summary>
/// <remarks>
/// A removal (a stored event replaced by a richer copy that may sit elsewhere or at another time) cannot move a MIN or
/// MAX back, so the place it leaves is listed in <see cref="Recount"/> and the engine recounts it from the stored events
/// after they are written. Richer copies are rare; re-pricing never removes from a place (<see cref="Reprice"/>).
/// </remarks>
internal sealed class CredentialBatch
{
    /// <summary>The tag whose value is the usage row's feature.</summary>
    public const string FeatureTag = "feature";

    public Dictionary<CredentialPlaceKey, CredentialPlaceDelta> Places { get; } = [];

    public Dictionary<CredentialUsageKey, RollupSums> Usage { get; } = [];

    /// <summary>Places an event was removed from; their first/last seen and count are recounted from <c>events</c>.</summary>
    public HashSet<CredentialPlaceKey> Recount { get; } = [];

    public bool IsEmpty => Places.Count == 0 && Usage.Count == 0;

    /// <summary>Adds one stored event; <paramref name="key"/> gives its hour, label, service, environment and model.</summary>
    public void Add(RollupKey key, string? instance, IReadOnlyDictionary<string, string> tags, long timestampMs, long? costNano, TokenUsage usage)
    {
        if (key.KeyLabel.Length == 0)
        {
            return;
        }

        var place = PlaceOf(key, instance);
        DeltaOf(place).Add(timestampMs);
        SumsOf(new CredentialUsageKey(key.Hour, place, FeatureOf(tags))).Add(costNano, usage);
    }

    /// <summary>Takes a stored event back out (a richer copy replaces it); its place is recounted.</summary>
    public void Remove(RollupKey key, string? instance, IReadOnlyDictionary<string, string> tags, long? costNano, TokenUsage usage)
    {
        if (key.KeyLabel.Length == 0)
        {
            return;
        }

        var place = PlaceOf(key, instance);
        DeltaOf(place).Remove();
        Recount.Add(place);
        SumsOf(new CredentialUsageKey(key.Hour, place, FeatureOf(tags))).Remove(costNano, usage);
    }

    /// <summary>Moves a re-priced event's cost from <paramref name="oldCostNano"/> to <paramref name="newCostNano"/> (null = unpriced); places are untouched.</summary>
    public void Reprice(RollupKey key, string? instance, IReadOnlyDictionary<string, string> tags, long? oldCostNano, long? newCostNano, TokenUsage usage)
    {
        if (key.KeyLabel.Length == 0)
        {
            return;
        }

        ref var sums = ref SumsOf(new CredentialUsageKey(key.Hour, PlaceOf(key, instance), FeatureOf(tags)));
        sums.Remove(oldCostNano, usage);
        sums.Add(newCostNano, usage);
    }

    /// <summary>Adds another batch's deltas to these; <paramref name="other"/> is not changed.</summary>
    public void Add(CredentialBatch other)
    {
        foreach (var (place, delta) in other.Places)
        {
            DeltaOf(place).Add(delta);
        }

        foreach (var (key, sums) in other.Usage)
        {
            SumsOf(key).Add(in sums);
        }

        Recount.UnionWith(other.Recount);
    }

    public void Clear()
    {
        Places.Clear();
        Usage.Clear();
        Recount.Clear();
    }

    private static CredentialPlaceKey PlaceOf(RollupKey key, string? instance) =>
        new(key.KeyLabel, key.Service, key.Environment, instance ?? string.Empty, key.Model);

    private static string FeatureOf(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(FeatureTag, out var feature) ? feature : string.Empty;

    // One hash lookup whether the entry exists or not (a lookup and then an add would hash a new key twice).
    private CredentialPlaceDelta DeltaOf(CredentialPlaceKey place) =>
        CollectionsMarshal.GetValueRefOrAddDefault(Places, place, out _) ??= new CredentialPlaceDelta();

    // A new row starts as all zeros, which is the empty sums.
    private ref RollupSums SumsOf(CredentialUsageKey key) =>
        ref CollectionsMarshal.GetValueRefOrAddDefault(Usage, key, out _);
}
