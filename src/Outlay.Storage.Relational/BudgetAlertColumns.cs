using System.Data.Common;
using Outlay.Core.Alerts;

namespace Outlay.Storage.Relational;

/// <summary>How a fired budget alert is stored by every engine, in the column order of <see cref="Names"/>; instants as Unix milliseconds.</summary>
internal static class BudgetAlertColumns
{
    public const string Names = "project_id, budget_id, budget_name, period_start_ms, kind, threshold, fired_ms, spent_nano, amount_nano, percent";

    /// <summary>The kind as stored: <c>threshold</c> or <c>forecast</c>.</summary>
    public static string KindName(BudgetAlertKind kind) => kind == BudgetAlertKind.Forecast ? "forecast" : "threshold";

    /// <summary>Parses a stored kind.</summary>
    public static BudgetAlertKind ParseKind(string name) =>
        string.Equals(name, "forecast", StringComparison.Ordinal) ? BudgetAlertKind.Forecast : BudgetAlertKind.Threshold;

    /// <summary>The alert on the reader's current row, selected as <see cref="Names"/>.</summary>
    public static BudgetAlert Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new BudgetAlert(
            ProjectId: reader.GetString(0),
            BudgetId: reader.GetString(1),
            BudgetName: reader.GetString(2),
            PeriodStart: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
            Kind: ParseKind(reader.GetString(4)),
            Threshold: reader.GetInt32(5),
            FiredAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
            SpentNanoUsd: reader.GetInt64(7),
            AmountNanoUsd: reader.GetInt64(8),
            PercentText: reader.GetString(9));
    }
}
