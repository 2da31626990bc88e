namespace Outlay.Server.Dashboard.Overview;

/// <summary>One row of a top list: the value (null = not set), its spend and events.</summary>
internal sealed record TopItem(string? Value, long CostNanoUsd, long Events, long UnpricedEvents);
