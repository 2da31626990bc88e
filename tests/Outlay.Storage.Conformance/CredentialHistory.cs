using Outlay.Core.Credentials;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary>
/// A seeded history for credential activity: random events (labelled and not, with instances) appended in random
/// batches whose timestamps arrive in no order, mixed with exact duplicates and strictly richer copies that may move an
/// event to another time, environment, instance, label or feature. <see cref="ExpectedPlaces"/> and
/// <see cref="ExpectedUsage"/> recount, without the store, what it must hold for the final versions.
/// </summary>
internal static class CredentialHistory
{
    private static readonly string?[] Instances = [null, "pod-1", "pod-2", "worker-7"];
    private static readonly string?[] Environments = [null, "prod", "staging"];
    private static readonly string?[] Labels = [null, "openai-prod-2026-03", "shared", "openai-prod-2026-06"];
    private static readonly string[] Features = ["summarize", "chat", "search"];

    /// <summary>The events of <paramref name="seed"/>, each given an instance (some none).</summary>
    public static List<PricedEvent> Events(int seed, int count)
    {
        var random = new Random(seed ^ 0x5A5A);
        return RandomEvents.Generate(seed, count)
            .Select(p => p with { Event = p.Event with { Instance = Instances[random.Next(Instances.Length)] } })
            .ToList();
    }

    /// <summary>Appends the history to <paramref name="project"/> and returns the final stored version of each event.</summary>
    public static async Task<List<PricedEvent>> AppendAsync(IOutlayStore store, string project, int seed, int count)
    {
        var random = new Random(seed);
        var fresh = Events(seed, count);
        var final = new Dictionary<Guid, PricedEvent>();
        var order = new List<Guid>();
        var next = 0;
        while (next < fresh.Count)
        {
            var batch = new List<PricedEvent>();
            var size = random.Next(1, 250);
            for (var i = 0; i < size && next < fresh.Count; i++)
            {
                var roll = random.Next(10);
                var pool = batch.Count > 0 && random.Next(3) == 0 ? batch.Select(p => p.Event.Id).ToList() : order;
                if (roll < 6 || pool.Count == 0)
                {
                    batch.Add(fresh[next++]);
                    continue;
                }

                var id = pool[random.Next(pool.Count)];
                var current = final.TryGetValue(id, out var stored) ? stored : batch.Last(p => p.Event.Id == id);
                batch.Add(roll < 8 ? current : Richer(current, random));
            }

            var policy = random.Next(4) == 0 ? DuplicatePolicy.KeepFirst : DuplicatePolicy.KeepRicher;
            await store.AppendEventsAsync(project, batch, policy, TestContext.Current.CancellationToken);
            foreach (var candidate in batch)
            {
                var id = candidate.Event.Id;
                if (!final.TryGetValue(id, out var stored))
                {
                    final[id] = candidate;
                    order.Add(id);
                }
                else if (policy == DuplicatePolicy.KeepRicher && IsStrictlyRicher(stored.Event, candidate.Event))
                {
                    final[id] = candidate;
                }
            }
        }

        return order.Select(id => final[id]).ToList();
    }

    /// <summary>The places of the labelled events, most recently seen first, ties by key (ordinal).</summary>
    public static List<CredentialPlace> ExpectedPlaces(IEnumerable<PricedEvent> events) =>
        events.Select(p => p.Event)
            .Where(e => !string.IsNullOrEmpty(e.KeyLabel))
            .GroupBy(e => (e.KeyLabel!, e.Service ?? "", e.Environment ?? "", e.Instance ?? "", e.Model))
            .Select(g => new CredentialPlace(
                g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Key.Item4, g.Key.Model,
                DateTimeOffset.FromUnixTimeMilliseconds(g.Min(e => e.Timestamp.ToUnixTimeMilliseconds())),
                DateTimeOffset.FromUnixTimeMilliseconds(g.Max(e => e.Timestamp.ToUnixTimeMilliseconds())),
                g.Count()))
            .OrderByDescending(p => p.LastSeen)
            .ThenBy(p => p.KeyLabel, StringComparer.Ordinal)
            .ThenBy(p => p.Service, StringComparer.Ordinal)
            .ThenBy(p => p.Environment, StringComparer.Ordinal)
            .ThenBy(p => p.Instance, StringComparer.Ordinal)
            .ThenBy(p => p.Model, StringComparer.Ordinal)
            .ToList();

    /// <summary>The hourly usage rows of the labelled events, ordered by hour then key (ordinal).</summary>
    public static List<CredentialUsageRow> ExpectedUsage(IEnumerable<PricedEvent> events) =>
        events.Where(p => !string.IsNullOrEmpty(p.Event.KeyLabel))
            .GroupBy(p =>
            {
                var e = p.Event;
                var ms = e.Timestamp.ToUnixTimeMilliseconds();
                var hour = DateTimeOffset.FromUnixTimeMilliseconds(ms - (((ms % 3_600_000) + 3_600_000) % 3_600_000));
                return (hour, e.KeyLabel!, e.Service ?? "", e.Environment ?? "", e.Instance ?? "", e.Model, e.Tags.GetValueOrDefault("feature") ?? "");
            })
            .Select(g => new CredentialUsageRow(
                g.Key.hour, g.Key.Item2, g.Key.Item3, g.Key.Item4, g.Key.Item5, g.Key.Model, g.Key.Item7,
                g.Count(),
                g.Sum(p => p.Event.Usage.InputTokens),
                g.Sum(p => p.Event.Usage.OutputTokens),
                g.Sum(p => p.Cost.Priced ? p.Cost.CostNanoUsd ?? 0 : 0),
                g.Count(p => !p.Cost.Priced)))
            .OrderBy(r => r.Hour)
            .ThenBy(r => r.KeyLabel, StringComparer.Ordinal)
            .ThenBy(r => r.Service, StringComparer.Ordinal)
            .ThenBy(r => r.Environment, StringComparer.Ordinal)
            .ThenBy(r => r.Instance, StringComparer.Ordinal)
            .ThenBy(r => r.Model, StringComparer.Ordinal)
            .ThenBy(r => r.Feature, StringComparer.Ordinal)
            .ToList();

    private static bool IsStrictlyRicher(UsageEvent a, UsageEvent b)
    {
        if (a.Provider != b.Provider || a.Model != b.Model)
        {
            return false;
        }

        long[] old = [a.Usage.InputTokens, a.Usage.OutputTokens, a.Usage.CacheReadTokens, a.Usage.CacheWriteTokens, a.Usage.CacheWrite1hTokens, a.Usage.ReasoningTokens];
        long[] offered = [b.Usage.InputTokens, b.Usage.OutputTokens, b.Usage.CacheReadTokens, b.Usage.CacheWriteTokens, b.Usage.CacheWrite1hTokens, b.Usage.ReasoningTokens];
        return old.Zip(offered).All(p => p.Second >= p.First) && old.Zip(offered).Any(p => p.Second > p.First);
    }

    /// <summary>The same call seen with more detail, possibly at another time and place.</summary>
    private static PricedEvent Richer(PricedEvent current, Random random)
    {
        var e = current.Event;
        var tags = new Dictionary<string, string>(e.Tags);
        if (random.Next(2) == 0)
        {
            tags["feature"] = Features[random.Next(Features.Length)];
        }
        else
        {
            tags.Remove("feature");
        }

        var cost = random.Next(5) == 0
            ? CostResult.Unpriced
            : new CostResult(true, random.NextInt64(0, 50_000_000), new Dictionary<string, long>(), "richer/" + e.Model, e.Model);
        var richer = e with
        {
            Usage = e.Usage with { InputTokens = e.Usage.InputTokens + random.Next(0, 3), CacheReadTokens = e.Usage.CacheReadTokens + random.Next(1, 1_000) },
            Environment = random.Next(3) == 0 ? Environments[random.Next(Environments.Length)] : e.Environment,
            Instance = random.Next(3) == 0 ? Instances[random.Next(Instances.Length)] : e.Instance,
            KeyLabel = random.Next(4) == 0 ? Labels[random.Next(Labels.Length)] : e.KeyLabel,
            Timestamp = random.Next(2) == 0 ? RandomEvents.Start.AddMilliseconds(random.NextInt64(0, RandomEvents.Hours * 3_600_000L)) : e.Timestamp,
            Tags = tags,
        };
        return new PricedEvent(richer, cost, current.ReceivedAt);
    }
}
