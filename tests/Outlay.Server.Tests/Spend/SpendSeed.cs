using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;

namespace Outlay.Server.Tests.Spend;

/// <summary>Writes priced events straight into a store, at any past time, for spend query tests.</summary>
internal static class SpendSeed
{
    public static PricedEvent Event(DateTimeOffset timestamp, long costNanoUsd, string model = "gpt-4o", string? environment = null) =>
        new(
            new UsageEvent
            {
                Id = Guid.NewGuid(),
                Timestamp = timestamp,
                Provider = "openai",
                Model = model,
                Usage = new TokenUsage(100, 10),
                Environment = environment,
            },
            new CostResult(true, costNanoUsd, new Dictionary<string, long>(), "openai/" + model, model),
            timestamp.AddSeconds(1));

    /// <summary>One event at 10 past every hour in [from, to), costing a little more each hour so sums are not round.</summary>
    public static async Task<long> EveryHourAsync(IOutlayStore store, string projectId, DateTimeOffset from, DateTimeOffset to, string model = "gpt-4o")
    {
        var events = new List<PricedEvent>();
        var total = 0L;
        var i = 0;
        for (var hour = from; hour < to; hour = hour.AddHours(1), i++)
        {
            var cost = 1_000_000_007L + (i * 13_579L);
            total += cost;
            events.Add(Event(hour.AddMinutes(10), cost, model));
        }

        await store.AppendEventsAsync(projectId, events, TestContext.Current.CancellationToken);
        return total;
    }
}
