using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;

namespace Outlay.Server.Tests.DashboardPages;

/// <summary>Priced events with a chosen cost, for report tests that write straight to the store.</summary>
internal static class PagesTestEvents
{
    public static PricedEvent Create(
        DateTimeOffset timestamp,
        long? costNano,
        string model = "gpt-4o",
        string? service = null,
        IReadOnlyDictionary<string, string>? tags = null)
    {
        var e = new UsageEvent
        {
            Id = Guid.NewGuid(),
            Timestamp = timestamp,
            Provider = "openai",
            Model = model,
            Usage = new TokenUsage(100, 10),
            Service = service,
            Tags = tags ?? new Dictionary<string, string>(),
        };
        var cost = costNano is { } nano
            ? new CostResult(true, nano, new Dictionary<string, long>(), "openai/" + model, model)
            : CostResult.Unpriced;
        return new PricedEvent(e, cost, timestamp.AddSeconds(1));
    }
}
