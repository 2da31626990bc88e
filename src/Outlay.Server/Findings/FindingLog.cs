using Microsoft.Extensions.Logging;

namespace Outlay.Server.Findings;

/// <summary>Log events of the findings review. Findings are named by id and the reviewer by key id only.</summary>
internal static partial class FindingLog
{
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Finding {FindingId} {Action} by key {KeyId}")]
    public static partial void Reviewed(ILogger logger, Guid findingId, string action, string keyId);
}
