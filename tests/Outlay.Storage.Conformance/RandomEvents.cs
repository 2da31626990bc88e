using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary>Seeded random events over several providers, models, tags and hours, for rollup-versus-raw checks.</summary>
internal static class RandomEvents
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    public const int Hours = 72;

    private static readonly (string Provider, string[] Models)[] Catalog =
    [
        ("openai", ["gpt-4o", "gpt-4o-mini", "o3"]),
        ("anthropic", ["claude-sonnet-4", "claude-haiku-4"]),
        ("google", ["gemini-2.5-pro"]),
    ];

    private static readonly string?[] Services = [null, "checkout", "search"];
    private static readonly string?[] Environments = [null, "prod", "staging"];
    private static readonly string?[] KeyLabels = [null, "openai-prod-2026-03", "shared"];
    private static readonly string[] OperationValues = [Operations.Chat, Operations.Embeddings, Operations.Responses];
    private static readonly string[] StatusValues = [EventStatuses.Ok, EventStatuses.Ok, EventStatuses.Error, EventStatuses.Cancelled];
    private static readonly string[] TierValues = [ServiceTiers.Default, ServiceTiers.Batch, ServiceTiers.Priority];
    private static readonly (string Key, string[] Values)[] TagChoices =
    [
        ("feature", ["summarize", "chat", "search"]),
        ("customer", ["acme", "globex", "ünïcödé"]),
        ("team.name", ["core", "growth"]),
    ];

    public static List<PricedEvent> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var events = new List<PricedEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var (provider, models) = Catalog[random.Next(Catalog.Length)];
            var tags = new Dictionary<string, string>();
            foreach (var (key, values) in TagChoices)
            {
                if (random.Next(3) > 0)
                {
                    tags[key] = values[random.Next(values.Length)];
                }
            }

            var input = random.Next(0, 200_000);
            var cacheRead = random.Next(0, input / 2 + 1);
            var usage = new TokenUsage(
                input,
                random.Next(0, 20_000),
                cacheRead,
                random.Next(0, 1_000),
                random.Next(0, 500),
                random.Next(0, 3_000));
            var idBytes = new byte[16];
            random.NextBytes(idBytes);
            var timestamp = Start.AddMilliseconds(random.NextInt64(0, Hours * 3_600_000L));
            var e = new UsageEvent
            {
                Id = new Guid(idBytes),
                Timestamp = timestamp,
                Provider = provider,
                Model = models[random.Next(models.Length)],
                Operation = OperationValues[random.Next(OperationValues.Length)],
                Usage = usage,
                ServiceTier = TierValues[random.Next(TierValues.Length)],
                Status = StatusValues[random.Next(StatusValues.Length)],
                Service = Services[random.Next(Services.Length)],
                Environment = Environments[random.Next(Environments.Length)],
                KeyLabel = KeyLabels[random.Next(KeyLabels.Length)],
                Tags = tags,
                LatencyMs = random.Next(10, 5_000),
            };

            // About one event in ten has no price: it must be counted but never add $0 as if priced.
            var cost = random.Next(10) == 0
                ? CostResult.Unpriced
                : new CostResult(true, random.NextInt64(0, 50_000_000), new Dictionary<string, long>(), "test/" + e.Model, e.Model);
            events.Add(new PricedEvent(e, cost, timestamp.AddSeconds(2)));
        }

        return events;
    }
}
