using Microsoft.Extensions.Logging;

namespace Outlay.Server.Alerts;

/// <summary>Log lines of the alert worker: budget ids, names and thresholds only, never a key or an amount of another scope.</summary>
internal static partial class AlertLog
{
    [LoggerMessage(EventId = 40, Level = LogLevel.Warning, Message = "Budget alert fired: {Kind} {Threshold}% of budget {BudgetName} ({BudgetId}) in project {ProjectId}, at {Percentage}%")]
    public static partial void Fired(ILogger logger, string kind, int threshold, string budgetName, string budgetId, string projectId, string percentage);

    [LoggerMessage(EventId = 41, Level = LogLevel.Warning, Message = "Evaluating budget {BudgetId} for alerts failed ({ErrorType}); retried next run")]
    public static partial void EvaluationFailed(ILogger logger, string budgetId, string errorType);

    [LoggerMessage(EventId = 42, Level = LogLevel.Warning, Message = "The budget alert run failed ({ErrorType}); retried next run")]
    public static partial void RunFailed(ILogger logger, string errorType);

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
}
