using Microsoft.Extensions.Logging;

namespace Outlay.Server;

/// <summary>A caller's logger provider lent to a short-lived logger factory: disposing the factory leaves it open.</summary>
internal sealed class BorrowedLoggerProvider(ILoggerProvider inner) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

    public void Dispose()
    {
        // Owned by whoever passed it in (OutlayServerOptions.LoggerProvider), which disposes it with the app.
    }
}
