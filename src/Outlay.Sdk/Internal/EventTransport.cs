namespace Outlay.Sdk.Internal;

/// <summary>
/// Sends one request body to the server. A class rather than an interface so tests can subclass it with a
/// fake and the client can own its disposal. Implementations may throw; the client treats that as a network error.
/// </summary>
internal abstract class EventTransport : IDisposable
{
    public abstract Task<TransportResponse> SendAsync(ReadOnlyMemory<byte> body, bool gzip, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
