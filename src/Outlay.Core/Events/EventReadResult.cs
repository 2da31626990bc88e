namespace Outlay.Core.Events;

/// <summary>One event's outcome: exactly one of the two is set.</summary>
internal readonly record struct EventReadResult(ParsedEvent? Event, EventRejection? Rejection);
