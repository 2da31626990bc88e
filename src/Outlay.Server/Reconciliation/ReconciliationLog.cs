using Microsoft.Extensions.Logging;

namespace Outlay.Server.Reconciliation;

/// <summary>Log lines of provider usage import and pull: providers, counts, days and HTTP statuses only, never a key or a body.</summary>
internal static partial class ReconciliationLog
{
    [LoggerMessage(EventId = 80, Level = LogLevel.Information, Message = "Provider usage pull is on for {Providers} into project {Project}, every {Interval}")]
    public static partial void PullEnabled(ILogger logger, string providers, string project, TimeSpan interval);

    [LoggerMessage(EventId = 81, Level = LogLevel.Information, Message = "Pulled {Provider} usage: {Pages} pages, {Records} records, {Days} days; {Findings} new untracked usage findings")]
    public static partial void Pulled(ILogger logger, string provider, int pages, int records, int days, int findings);

    [LoggerMessage(EventId = 82, Level = LogLevel.Warning, Message = "Pulling {Provider} usage failed: {Reason}; retried next run")]
    public static partial void PullFailed(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 83, Level = LogLevel.Warning, Message = "Pulling {Provider} usage stopped at the page cap ({Pages} pages); the rest is read next run")]
    public static partial void PullTruncated(ILogger logger, string provider, int pages);

    [LoggerMessage(EventId = 84, Level = LogLevel.Warning, Message = "The provider usage pull run failed ({ErrorType}); retried next run")]
    public static partial void RunFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 85, Level = LogLevel.Information, Message = "Imported {Records} provider usage records ({Format}) into project {ProjectId} for {Days} days; {Findings} new untracked usage findings")]
    public static partial void Imported(ILogger logger, int records, string format, string projectId, int days, int findings);

    [LoggerMessage(EventId = 86, Level = LogLevel.Warning, Message = "Untracked usage: {Summary} (finding {FindingId} in project {ProjectId})")]
    public static partial void UntrackedUsage(ILogger logger, string summary, Guid findingId, string projectId);
}
