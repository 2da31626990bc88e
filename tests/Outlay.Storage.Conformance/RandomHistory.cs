using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary>
/// A seeded history of appends mixing new events, exact duplicates, poorer copies and strictly richer copies (which
/// <see cref="DuplicatePolicy.KeepRicher"/> stores in place of the old one, possibly in another hour, environment,
/// tag set or price), together with the events the store must end up holding, computed without the store.
/// </summary>
internal static class RandomHistory
{
    private static readonly string?[] Environments = [null, "prod", "staging"];
    private static readonly string[] Features = ["summarize", "chat", "search", ""];

    /// <summary>Appends the history to <paramref name="project"/> and returns the final stored version of each event.</summary>
    public static async Task<List<PricedEvent>> AppendAsync(IOutlayStore store, string project, int seed, int count)
    {
        var random = new Random(seed);
        var fresh = RandomEvents.Generate(seed, count);
        var final = new Dictionary<Guid, PricedEvent>();
        var order = new List<Guid>();
        var next = 0;
        while (next < fresh.Count)
        {
            var batch = new List<PricedEvent>();
            var size = random.Next(1, 300);
            for (var i = 0; i < size; i++)
            {
                var roll = random.Next(10);
                if (roll < 6 || order.Count == 0)
                {
                    if (next < fresh.Count)
                    {
                        batch.Add(fresh[next++]);
                    }
                }
                else
                {
                    // A copy of an event offered earlier, possibly still only in this batch.
                    var pool = order.Count > 0 && random.Next(2) == 0 ? order : batch.Select(p => p.Event.Id).ToList();
                    if (pool.Count == 0)
                    {
                        continue;
                    }

                    var id = pool[random.Next(pool.Count)];
                    var current = final.TryGetValue(id, out var stored) ? stored : batch.Last(p => p.Event.Id == id);
                    batch.Add(roll switch
                    {
                        6 => current,
                        7 => Poorer(current),
                        _ => Richer(current, random),
                    });
                }
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
                else if (policy == DuplicatePolicy.KeepRicher && IsStrictlyRicher(stored, candidate))
                {
                    final[id] = candidate;
                }
            }
        }

        return order.Select(id => final[id]).ToList();
    }

    private static bool IsStrictlyRicher(PricedEvent stored, PricedEvent candidate)
    {
        var a = stored.Event;
        var b = candidate.Event;
        if (a.Provider != b.Provider || a.Model != b.Model)
        {
            return false;
        }

        long[] old = [a.Usage.InputTokens, a.Usage.OutputTokens, a.Usage.CacheReadTokens, a.Usage.CacheWriteTokens, a.Usage.CacheWrite1hTokens, a.Usage.ReasoningTokens];
        long[] offered = [b.Usage.InputTokens, b.Usage.OutputTokens, b.Usage.CacheReadTokens, b.Usage.CacheWriteTokens, b.Usage.CacheWrite1hTokens, b.Usage.ReasoningTokens];
        return old.Zip(offered).All(p => p.Second >= p.First) && old.Zip(offered).Any(p => p.Second > p.First);
    }

    private static PricedEvent Poorer(PricedEvent current) =>
        current with { Event = current.Event with { Usage = current.Event.Usage with { OutputTokens = Math.Max(0, current.Event.Usage.OutputTokens - 1) } } };

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
            tags.Remove("customer");
        }

        var cost = random.Next(5) == 0
            ? CostResult.Unpriced
            : new CostResult(true, random.NextInt64(0, 50_000_000), new Dictionary<string, long>(), "richer/" + e.Model, e.Model);
        var richer = e with
        {
            Usage = e.Usage with { CacheReadTokens = e.Usage.CacheReadTokens + random.Next(1, 1_000) },
            Environment = Environments[random.Next(Environments.Length)],
            Timestamp = RandomEvents.Start.AddMilliseconds(random.NextInt64(0, RandomEvents.Hours * 3_600_000L)),
            Tags = tags,
        };
        return new PricedEvent(richer, cost, current.ReceivedAt);
    }
}
