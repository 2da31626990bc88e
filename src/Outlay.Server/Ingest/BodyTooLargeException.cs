namespace Outlay.Server.Ingest;

/// <summary>Thrown by <see cref="LengthLimitedStream"/> when a body goes past its limit.</summary>
internal sealed class BodyTooLargeException : Exception
{
    public BodyTooLargeException()
        : base("The request body exceeds the size limit.")
    {
    }

    public BodyTooLargeException(string message)
        : base(message)
    {
    }

    public BodyTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
