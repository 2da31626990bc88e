namespace Outlay.Server.Reconciliation;

/// <summary>
/// A pull from a provider's admin API failed for this run. The message is built from fixed text, the provider and the
/// HTTP status only: never a header, a key or a response body.
/// </summary>
internal sealed class AdminUsageFetchException : Exception
{
    public AdminUsageFetchException(string message)
        : base(message)
    {
    }

    public AdminUsageFetchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
