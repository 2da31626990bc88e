namespace Outlay.Cli.Stores;

/// <summary>A <c>--store</c> value that cannot be used; the message says how to write it.</summary>
internal sealed class StoreLocationException : Exception
{
    public StoreLocationException(string message)
        : base(message)
    {
    }

    public StoreLocationException()
    {
    }

    public StoreLocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
