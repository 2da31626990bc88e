using Microsoft.Data.Sqlite;
using Outlay.Core.Alerts;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for <c>budget_alerts</c>. Reads are keyed by project.</summary>
internal static class BudgetAlertTable
{
    private const string Columns = BudgetAlertColumns.Names;

    /// <summary>Inserts the alert unless its unique key exists; true when this insert won.</summary>
    public static bool TryAdd(SqliteConnection writer, SqliteTransaction transaction, BudgetAlert alert)
    {
        using var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT INTO budget_alerts ({Columns})
            VALUES ($project, $budget, $name, $period, $kind, $threshold, $fired, $spent, $amount, $percent)
            ON CONFLICT (budget_id, period_start_ms, kind, threshold) DO NOTHING;
            """;
        command.Parameters.AddWithValue("$project", alert.ProjectId);
        command.Parameters.AddWithValue("$budget", alert.BudgetId);
        command.Parameters.AddWithValue("$name", alert.BudgetName);
        command.Parameters.AddWithValue("$period", UnixMilliseconds.From(alert.PeriodStart));
        command.Parameters.AddWithValue("$kind", alert.KindName);
        command.Parameters.AddWithValue("$threshold", alert.Threshold);
        command.Parameters.AddWithValue("$fired", UnixMilliseconds.From(alert.FiredAt));
        command.Parameters.AddWithValue("$spent", alert.SpentNanoUsd);
        command.Parameters.AddWithValue("$amount", alert.AmountNanoUsd);
        command.Parameters.AddWithValue("$percent", alert.PercentText);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The project's alerts, newest first (ties by rowid, newest first).</summary>
    public static List<BudgetAlert> List(SqliteConnection connection, string projectId, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM budget_alerts WHERE project_id = $project ORDER BY fired_ms DESC, rowid DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$limit", limit);
        var alerts = new List<BudgetAlert>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            alerts.Add(BudgetAlertColumns.Read(reader));
        }

        return alerts;
    }

    /// <summary>The alert with this key, or null.</summary>
    public static BudgetAlert? Find(SqliteConnection connection, BudgetAlertKey key)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM budget_alerts
            WHERE budget_id = $budget AND period_start_ms = $period AND kind = $kind AND threshold = $threshold;
            """;
        command.Parameters.AddWithValue("$budget", key.BudgetId);
        command.Parameters.AddWithValue("$period", UnixMilliseconds.From(key.PeriodStart));
        command.Parameters.AddWithValue("$kind", BudgetAlertColumns.KindName(key.Kind));
        command.Parameters.AddWithValue("$threshold", key.Threshold);
        using var reader = command.ExecuteReader();
        return reader.Read() ? BudgetAlertColumns.Read(reader) : null;
    }
}
