namespace Outlay.Core.Storage.Transfer;

/// <summary>The destination of a copy already holds different data under the same identity (a project name or id).</summary>
public sealed class TransferConflictException : Exception
{
    public TransferConflictException()
    {
    }

    public TransferConflictException(string message)
        : base(message)
    {
    }

    public TransferConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
