using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite.Tests;

/// <summary>A priced gpt-4o chat call (100 in, 10 out, key label prod, feature chat) with a fresh UUIDv7 id, for write-path tests.</summary>
internal static class ChatEvent
{
    /// <param name="timestamp">When the call happened; the id is a UUIDv7 of it.</param>
    /// <param name="costNano">Its cost; 1,000 nano-dollars by default.</param>
    /// <param name="customer">A customer tag, or none.</param>
    /// <param name="id">The event's id; a fresh UUIDv7 of <paramref name="timestamp"/> by default.</param>
    public static PricedEvent At(DateTimeOffset timestamp, long costNano = 1_000, string? customer = null, Guid? id = null)
    {
        var tags = new Dictionary<string, string> { ["feature"] = "chat" };
        if (customer is not null)
        {
            tags["customer"] = customer;
        }

        var e = new UsageEvent
        {
            Id = id ?? Guid.CreateVersion7(timestamp),
            Timestamp = timestamp,
            Provider = "openai",
            Model = "gpt-4o",
            Usage = new TokenUsage(100, 10),
            KeyLabel = "prod",
            Tags = tags,
        };
        return new PricedEvent(e, new CostResult(true, costNano, new Dictionary<string, long>(), "openai/gpt-4o", "gpt-4o"), timestamp.AddSeconds(1));
    }

    /// <summary>
    /// Events a minute apart from <paramref name="minute"/> minutes after <paramref name="start"/>, spread over three
    /// customers and two costs, so batches share some rollup rows (hour, customer) and not others; ids are derived from
    /// the minute, so equal arguments give equal events.
    /// </summary>
    public static List<PricedEvent> Mixed(DateTimeOffset start, int count, int minute) =>
        [.. Enumerable.Range(minute, count).Select(m => At(start.AddMinutes(m), costNano: 1_000 + (m % 2 * 500), customer: "c" + (m % 3), id: Guid.Parse($"00000000-0000-7000-8000-{m:D12}")))];
}
