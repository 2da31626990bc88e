namespace Outlay.Core.Events;

/// <summary>A valid event and its index in the request's <c>events</c> array.</summary>
public sealed record ParsedEvent(int Index, UsageEvent Event);
