using Npgsql;
using NpgsqlTypes;
using Outlay.Core.Budgets;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>SQL for <c>budgets</c>. Every read and delete is keyed by project as well as id.</summary>
internal static class BudgetTable
{
    private const string Columns = BudgetColumns.Names;

    public static async Task AddAsync(NpgsqlDataSource dataSource, BudgetDefinition budget, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"INSERT INTO budgets ({Columns}) VALUES (@id, @project, @name, @scope, @amount, @period, @zone, @rolling, @thresholds, @created);");
        command.Parameters.AddWithValue("id", budget.Id);
        command.Parameters.AddWithValue("project", budget.ProjectId);
        command.Parameters.AddWithValue("name", budget.Name);
        command.Parameters.AddWithValue("scope", BudgetColumns.ScopeJson(budget));
        command.Parameters.AddWithValue("amount", budget.AmountNanoUsd);
        command.Parameters.AddWithValue("period", budget.Period.KindName);
        command.Parameters.AddWithValue("zone", budget.Period.TimeZoneId);
        command.Parameters.AddWithValue("rolling", NpgsqlDbType.Integer, budget.Period.RollingHours is { } hours ? hours : DBNull.Value);
        command.Parameters.AddWithValue("thresholds", BudgetColumns.ThresholdsText(budget));
        command.Parameters.AddWithValue("created", budget.CreatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<BudgetDefinition?> FindAsync(NpgsqlDataSource dataSource, string projectId, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM budgets WHERE project_id = @project AND id = @id;");
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("id", id);
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <summary>The project's budgets, oldest first.</summary>
    public static async Task<List<BudgetDefinition>> ListAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM budgets WHERE project_id = @project ORDER BY created_ms, id;");
        command.Parameters.AddWithValue("project", projectId);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every project's budgets, by project then age: for the alert worker only.</summary>
    public static async Task<List<BudgetDefinition>> ListAllAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM budgets ORDER BY project_id, created_ms, id;");
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<bool> DeleteAsync(NpgsqlDataSource dataSource, string projectId, string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM budgets WHERE project_id = @project AND id = @id;");
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<List<BudgetDefinition>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var budgets = new List<BudgetDefinition>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                budgets.Add(BudgetColumns.Read(reader));
            }
        }

        return budgets;
    }
}
