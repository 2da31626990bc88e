using Microsoft.Extensions.Logging;

namespace Outlay.Server.Background;

/// <summary>Log lines of <see cref="JobRunner"/> (event ids 7001–7006): lock names, job names and process ids only.</summary>
internal static partial class JobRunnerLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Job runner: this process (pid {ProcessId}) holds the {LockName} lock and runs the background passes")]
    public static partial void Acquired(ILogger logger, string lockName, int processId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Job runner: another process holds the {LockName} lock; this one stands by and tries again every {Interval}")]
    public static partial void Standby(ILogger logger, string lockName, TimeSpan interval);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Job runner: the {LockName} lock was lost (connection or lock file gone); background passes stop until it is taken again")]
    public static partial void Lost(ILogger logger, string lockName);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Job runner: taking the {LockName} lock failed ({ErrorType}); trying again every poll interval")]
    public static partial void AcquireFailed(ILogger logger, string lockName, string errorType);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Job runner: released the {LockName} lock on shutdown")]
    public static partial void Released(ILogger logger, string lockName);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Job runner: the {Job} pass was cancelled because the lock was lost; the next runner redoes it")]
    public static partial void PassAbandoned(ILogger logger, string job);
}
