using Outlay.Core.Events;
using Outlay.Core.Pricing;

namespace Outlay.Core.Storage;

/// <summary>An accepted event with the server's own price, ready to be stored.</summary>
public sealed record PricedEvent(UsageEvent Event, CostResult Cost, DateTimeOffset ReceivedAt);
