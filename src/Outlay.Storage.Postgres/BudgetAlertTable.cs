using Npgsql;
using Outlay.Core.Alerts;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>
/// SQL for <c>budget_alerts</c>. The unique key (budget, period, kind, threshold) with ON CONFLICT DO NOTHING makes
/// exactly one insert win, across connections and processes. Reads are keyed by project.
/// </summary>
internal static class BudgetAlertTable
{
    private const string Columns = BudgetAlertColumns.Names;

    /// <summary>Inserts the alert unless its unique key exists; true when this insert won.</summary>
    public static async Task<bool> TryAddAsync(NpgsqlConnection connection, BudgetAlert alert, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"""
            INSERT INTO budget_alerts ({Columns})
            VALUES (@project, @budget, @name, @period, @kind, @threshold, @fired, @spent, @amount, @percent)
            ON CONFLICT (budget_id, period_start_ms, kind, threshold) DO NOTHING;
            """, connection);
        command.Parameters.AddWithValue("project", alert.ProjectId);
        command.Parameters.AddWithValue("budget", alert.BudgetId);
        command.Parameters.AddWithValue("name", alert.BudgetName);
        command.Parameters.AddWithValue("period", alert.PeriodStart.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("kind", alert.KindName);
        command.Parameters.AddWithValue("threshold", alert.Threshold);
        command.Parameters.AddWithValue("fired", alert.FiredAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("spent", alert.SpentNanoUsd);
        command.Parameters.AddWithValue("amount", alert.AmountNanoUsd);
        command.Parameters.AddWithValue("percent", alert.PercentText);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The project's alerts, newest first (ties by insertion order, newest first).</summary>
    public static async Task<List<BudgetAlert>> ListAsync(NpgsqlDataSource dataSource, string projectId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM budget_alerts WHERE project_id = @project ORDER BY fired_ms DESC, seq DESC LIMIT @limit;");
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("limit", limit);
        var alerts = new List<BudgetAlert>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                alerts.Add(BudgetAlertColumns.Read(reader));
            }
        }

        return alerts;
    }

    /// <summary>The alert with this key, or null.</summary>
    public static async Task<BudgetAlert?> FindAsync(NpgsqlConnection connection, BudgetAlertKey key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {Columns} FROM budget_alerts WHERE budget_id = @budget AND period_start_ms = @period AND kind = @kind AND threshold = @threshold;",
            connection);
        command.Parameters.AddWithValue("budget", key.BudgetId);
        command.Parameters.AddWithValue("period", key.PeriodStart.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("kind", BudgetAlertColumns.KindName(key.Kind));
        command.Parameters.AddWithValue("threshold", key.Threshold);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? BudgetAlertColumns.Read(reader) : null;
        }
    }
}
