using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary>Builds priced events for hand-written cases.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset Hour10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static PricedEvent Create(
        DateTimeOffset timestamp,
        long? costNano = 1_000,
        string provider = "openai",
        string model = "gpt-4o",
        IReadOnlyDictionary<string, string>? tags = null,
        Guid? id = null,
        string? environment = null,
        TokenUsage? usage = null)
    {
        var e = new UsageEvent
        {
            Id = id ?? Guid.NewGuid(),
            Timestamp = timestamp,
            Provider = provider,
            Model = model,
            Usage = usage ?? new TokenUsage(100, 10),
            Environment = environment,
            Tags = tags ?? new Dictionary<string, string>(),
        };
        var cost = costNano is { } nano
            ? new CostResult(true, nano, new Dictionary<string, long>(), provider + "/" + model, model)
            : CostResult.Unpriced;
        return new PricedEvent(e, cost, timestamp.AddSeconds(1));
    }
}
