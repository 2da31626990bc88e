namespace Outlay.Core.Events;

/// <summary>A refused event. Nothing of it may be stored; the error is safe to return to the client.</summary>
/// <param name="Index">Index in the request's <c>events</c> array.</param>
/// <param name="Id">The event's id, only when it parsed as a UUID (canonical lower-case form).</param>
/// <param name="Error">Why, naming the field (e.g. <c>usage.input_tokens: must be an integer between 0 and 100000000</c>); never contains a refused value.</param>
/// <param name="Secret">Set when the event was refused because a value looks like a credential.</param>
public sealed record EventRejection(int Index, string? Id, string Error, DetectedSecret? Secret)
{
    /// <summary>The event's <c>service</c> when it was valid and not itself the problem, for security findings.</summary>
    public string? Service { get; init; }

    /// <summary>The event's <c>environment</c> when it was valid and not itself the problem, for security findings.</summary>
    public string? Environment { get; init; }
}
