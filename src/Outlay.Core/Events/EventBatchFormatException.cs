namespace Outlay.Core.Events;

/// <summary>
/// The body of a <c>POST /v1/events</c> request is malformed as a whole (not JSON, wrong envelope, too many
/// events, nested too deeply). The message names the problem, never echoes a value, and is safe to return with a 400.
/// </summary>
public sealed class EventBatchFormatException : Exception
{
    public EventBatchFormatException()
        : base("The request body is not a valid event batch.")
    {
    }

    public EventBatchFormatException(string message)
        : base(message)
    {
    }

    public EventBatchFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True when the body was refused only for carrying more events than allowed, which the server answers with
    /// 413 (too large) rather than 400, so a client can split the batch and retry.
    /// </summary>
    public bool TooManyEvents { get; init; }
}
