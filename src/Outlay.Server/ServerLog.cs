using Microsoft.Extensions.Logging;

namespace Outlay.Server;

/// <summary>
/// Every log line the server writes. None carries a key, a header or a body. One class in one file on purpose: the
/// logging source generator of .NET 10 emits several log classes in a varying order (dotnet/runtime#119587), which
/// made two builds of one commit differ; with one class the server assembly builds deterministically.
/// </summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Outlay listening on {Addresses}, store {Store}")]
    public static partial void Listening(ILogger logger, string addresses, string store);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Upgrading the store's schema from v{FromVersion} to v{ToVersion} ({Events:N0} events); some versions rebuild a table, which takes minutes on a large store, and Outlay listens once it is done")]
    public static partial void SchemaUpgradeStarting(ILogger logger, int fromVersion, int toVersion, long events);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Store schema v{Version} of {ToVersion} applied, {ElapsedSeconds:0.0} s into the upgrade")]
    public static partial void SchemaUpgradeStep(ILogger logger, int version, int toVersion, double elapsedSeconds);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Store schema upgraded from v{FromVersion} to v{ToVersion} in {ElapsedSeconds:0.0} s; {FreeMegabytes:N0} MB of the file are free pages, reused by new events (VACUUM with Outlay stopped returns them to the disk)")]
    public static partial void SchemaUpgraded(ILogger logger, int fromVersion, int toVersion, double elapsedSeconds, long freeMegabytes);

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

    // Log lines of the alert worker: budget ids, names and thresholds only, never a key or an amount of another scope.
    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Budget alert fired: {Kind} {Threshold}% of budget {BudgetName} ({BudgetId}) in project {ProjectId}, at {Percentage}%")]
    public static partial void BudgetAlertFired(ILogger logger, string kind, int threshold, string budgetName, string budgetId, string projectId, string percentage);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Evaluating budget {BudgetId} for alerts failed ({ErrorType}); retried next run")]
    public static partial void BudgetEvaluationFailed(ILogger logger, string budgetId, string errorType);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "The budget alert run failed ({ErrorType}); retried next run")]
    public static partial void AlertRunFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 43, Level = LogLevel.Information, Message = "Alert channel {ChannelId} ({Kind}) added in project {ProjectId}")]
    public static partial void ChannelAdded(ILogger logger, string channelId, string kind, string projectId);

    [LoggerMessage(EventId = 44, Level = LogLevel.Information, Message = "Alert channel {ChannelId} deleted in project {ProjectId}")]
    public static partial void ChannelDeleted(ILogger logger, string channelId, string projectId);

    [LoggerMessage(EventId = 45, Level = LogLevel.Information, Message = "Alert delivery {DeliveryId} to channel {ChannelId}: {State} after attempt {Attempt} ({Detail})")]
    public static partial void DeliveryAttempted(ILogger logger, long deliveryId, string channelId, string state, int attempt, string detail);

    [LoggerMessage(EventId = 46, Level = LogLevel.Warning, Message = "Alert delivery {DeliveryId} to channel {ChannelId} failed for good after {Attempts} attempts ({Detail})")]
    public static partial void DeliveryGaveUp(ILogger logger, long deliveryId, string channelId, int attempts, string detail);

    [LoggerMessage(EventId = 47, Level = LogLevel.Warning, Message = "The alert delivery run failed ({ErrorType}); retried next run")]
    public static partial void DeliveryRunFailed(ILogger logger, string errorType);

    // Log lines of provider usage import and pull: providers, counts, days and HTTP statuses only, never a key or a body.
    [LoggerMessage(EventId = 80, Level = LogLevel.Information, Message = "Provider usage pull is on for {Providers} into project {Project}, every {Interval}")]
    public static partial void PullEnabled(ILogger logger, string providers, string project, TimeSpan interval);

    [LoggerMessage(EventId = 81, Level = LogLevel.Information, Message = "Pulled {Provider} usage: {Pages} pages, {Records} records, {Days} days; {Findings} new untracked usage findings")]
    public static partial void Pulled(ILogger logger, string provider, int pages, int records, int days, int findings);

    [LoggerMessage(EventId = 82, Level = LogLevel.Warning, Message = "Pulling {Provider} usage failed: {Reason}; retried next run")]
    public static partial void PullFailed(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 83, Level = LogLevel.Warning, Message = "Pulling {Provider} usage stopped at the page cap ({Pages} pages); the rest is read next run")]
    public static partial void PullTruncated(ILogger logger, string provider, int pages);

    [LoggerMessage(EventId = 84, Level = LogLevel.Warning, Message = "The provider usage pull run failed ({ErrorType}); retried next run")]
    public static partial void ReconciliationRunFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 85, Level = LogLevel.Information, Message = "Imported {Records} provider usage records ({Format}) into project {ProjectId} for {Days} days; {Findings} new untracked usage findings")]
    public static partial void ReconciliationImported(ILogger logger, int records, string format, string projectId, int days, int findings);

    [LoggerMessage(EventId = 86, Level = LogLevel.Warning, Message = "Untracked usage: {Summary} (finding {FindingId} in project {ProjectId})")]
    public static partial void ReconciliationUntrackedUsage(ILogger logger, string summary, Guid findingId, string projectId);

    // Log lines of the detection worker: kinds, ids and counts only, never a finding's words (they name places, and stay in the store).
    [LoggerMessage(EventId = 90, Level = LogLevel.Warning, Message = "Finding {Kind} ({Severity}) {FindingId} raised in project {ProjectId}")]
    public static partial void DetectionRaised(ILogger logger, string kind, string severity, Guid findingId, string projectId);

    [LoggerMessage(EventId = 91, Level = LogLevel.Warning, Message = "Detection in project {ProjectId} failed ({ErrorType}); retried next run")]
    public static partial void DetectionProjectFailed(ILogger logger, string projectId, string errorType);

    [LoggerMessage(EventId = 92, Level = LogLevel.Warning, Message = "The detection run failed ({ErrorType}); retried next run")]
    public static partial void DetectionRunFailed(ILogger logger, string errorType);

    // Log lines of the retention pass: counts and the cutoff only.
    [LoggerMessage(EventId = 95, Level = LogLevel.Information, Message = "Retention deleted {Events} raw events that occurred before {Cutoff:yyyy-MM-dd}; rollups keep their hours")]
    public static partial void RetentionDeleted(ILogger logger, long events, DateTimeOffset cutoff);

    [LoggerMessage(EventId = 96, Level = LogLevel.Warning, Message = "The retention pass failed ({ErrorType}); retried next run")]
    public static partial void RetentionRunFailed(ILogger logger, string errorType);

    [LoggerMessage(EventId = 97, Level = LogLevel.Warning, Message = "Raw event retention is set but this store cannot delete raw events; nothing is deleted")]
    public static partial void RetentionUnsupported(ILogger logger);

    // Log events of the findings review. Findings are named by id and the reviewer by key id only.
    [LoggerMessage(EventId = 6100, Level = LogLevel.Information, Message = "Finding {FindingId} {Action} by key {KeyId}")]
    public static partial void FindingReviewed(ILogger logger, Guid findingId, string action, string keyId);

    // Log lines of the job runner: lock names, job names and process ids only.
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Job runner: this process (pid {ProcessId}) holds the {LockName} lock and runs the background passes")]
    public static partial void JobRunnerAcquired(ILogger logger, string lockName, int processId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Job runner: another process holds the {LockName} lock; this one stands by and tries again every {Interval}")]
    public static partial void JobRunnerStandby(ILogger logger, string lockName, TimeSpan interval);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Job runner: the {LockName} lock was lost (connection or lock file gone); background passes stop until it is taken again")]
    public static partial void JobRunnerLost(ILogger logger, string lockName);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Job runner: taking the {LockName} lock failed ({ErrorType}); trying again every poll interval")]
    public static partial void JobRunnerAcquireFailed(ILogger logger, string lockName, string errorType);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Job runner: released the {LockName} lock on shutdown")]
    public static partial void JobRunnerReleased(ILogger logger, string lockName);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Job runner: the {Job} pass was cancelled because the lock was lost; the next runner redoes it")]
    public static partial void JobRunnerPassAbandoned(ILogger logger, string job);
}
