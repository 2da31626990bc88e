using Microsoft.Extensions.Logging;

namespace Outlay.Server;

/// <summary>Every log line the server writes. None carries a key, a header or a body.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Outlay listening on {Addresses}, store {Store}")]
    public static partial void Listening(ILogger logger, string addresses, string store);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Storing an ingest batch for project {ProjectId} failed ({ErrorType}); answered 503 so the client retries")]
    public static partial void AppendFailed(ILogger logger, string projectId, string errorType);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Refused a credential-shaped value ({Format} in {Field}) from key {KeyId}; recorded a security finding")]
    public static partial void SecretRefused(ILogger logger, string format, string field, string keyId);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Health check could not read the store ({ErrorType})")]
    public static partial void HealthCheckFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Key {KeyId} ({Kind}) created for project {ProjectId}")]
    public static partial void KeyCreated(ILogger logger, string keyId, string kind, string projectId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Key {KeyId} revoked")]
    public static partial void KeyRevoked(ILogger logger, string keyId);
}
