using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse.Tests;

/// <summary>Builds priced events for this project's own tests.</summary>
internal static class Events
{
    public static readonly DateTimeOffset Hour10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static PricedEvent Create(
        DateTimeOffset timestamp,
        long? costNano = 1_000,
        string model = "gpt-4o",
        IReadOnlyDictionary<string, string>? tags = null,
        Guid? id = null,
        string? keyLabel = null,
        string? service = null,
        TokenUsage? usage = null)
    {
        var e = new UsageEvent
        {
            Id = id ?? Guid.NewGuid(),
            Timestamp = timestamp,
            Provider = "openai",
            Model = model,
            Usage = usage ?? new TokenUsage(100, 10),
            Service = service,
            KeyLabel = keyLabel,
            Tags = tags ?? new Dictionary<string, string>(),
        };
        var cost = costNano is { } nano ? new CostResult(true, nano, new Dictionary<string, long>(), "openai/" + model, model) : CostResult.Unpriced;
        return new PricedEvent(e, cost, timestamp.AddSeconds(1));
    }
}
