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
}
