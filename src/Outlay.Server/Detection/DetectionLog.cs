using Microsoft.Extensions.Logging;

namespace Outlay.Server.Detection;

/// <summary>Log lines of the detection worker: kinds, ids and counts only, never a finding's words (they name places, and stay in the store).</summary>
internal static partial class DetectionLog
{
    [LoggerMessage(EventId = 90, Level = LogLevel.Warning, Message = "Finding {Kind} ({Severity}) {FindingId} raised in project {ProjectId}")]
    public static partial void Raised(ILogger logger, string kind, string severity, Guid findingId, string projectId);

    [LoggerMessage(EventId = 91, Level = LogLevel.Warning, Message = "Detection in project {ProjectId} failed ({ErrorType}); retried next run")]
    public static partial void ProjectFailed(ILogger logger, string projectId, string errorType);

    [LoggerMessage(EventId = 92, Level = LogLevel.Warning, Message = "The detection run failed ({ErrorType}); retried next run")]
    public static partial void RunFailed(ILogger logger, string errorType);
}
