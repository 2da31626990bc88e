using System.Globalization;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Outlay.Core.Budgets;

namespace Outlay.Storage.Postgres;

/// <summary>SQL for <c>budgets</c>. Every read and delete is keyed by project as well as id.</summary>
internal static class BudgetTable
{
    private const string Columns = "id, project_id, name, scope_json, amount_nano, period, time_zone, rolling_hours, thresholds, created_ms";

    public static async Task AddAsync(NpgsqlDataSource dataSource, BudgetDefinition budget, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"INSERT INTO budgets ({Columns}) VALUES (@id, @project, @name, @scope, @amount, @period, @zone, @rolling, @thresholds, @created);");
        command.Parameters.AddWithValue("id", budget.Id);
        command.Parameters.AddWithValue("project", budget.ProjectId);
        command.Parameters.AddWithValue("name", budget.Name);
        command.Parameters.AddWithValue("scope", JsonSerializer.Serialize(BudgetScope.Format(budget.Scope), PostgresJsonContext.Default.IReadOnlyListString));
        command.Parameters.AddWithValue("amount", budget.AmountNanoUsd);
        command.Parameters.AddWithValue("period", budget.Period.KindName);
        command.Parameters.AddWithValue("zone", budget.Period.TimeZoneId);
        command.Parameters.AddWithValue("rolling", NpgsqlDbType.Integer, budget.Period.RollingHours is { } hours ? hours : DBNull.Value);
        command.Parameters.AddWithValue("thresholds", string.Join(',', budget.Thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture))));
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
                var scopeText = JsonSerializer.Deserialize(reader.GetString(3), PostgresJsonContext.Default.IReadOnlyListString) ?? [];
                var kind = reader.GetString(5);
                var period = BudgetParser.ParseStoredPeriod(
                    kind,
                    string.Equals(kind, "rolling", StringComparison.Ordinal) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetInt32(7).ToString(CultureInfo.InvariantCulture) + "h");
                var thresholds = reader.GetString(8)
                    .Split(',', StringSplitOptions.RemoveEmptyEntries)
                    .Select(t => int.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture))
                    .ToList();
                budgets.Add(new BudgetDefinition(
                    Id: reader.GetString(0),
                    ProjectId: reader.GetString(1),
                    Name: reader.GetString(2),
                    Scope: BudgetScope.Parse(scopeText),
                    AmountNanoUsd: reader.GetInt64(4),
                    Period: period,
                    Thresholds: thresholds,
                    CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9))));
            }
        }

        return budgets;
    }
}
