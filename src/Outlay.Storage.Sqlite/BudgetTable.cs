using Microsoft.Data.Sqlite;
using Outlay.Core.Budgets;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for <c>budgets</c>. Every read and delete is keyed by project as well as id.</summary>
internal static class BudgetTable
{
    private const string Columns = BudgetColumns.Names;

    public static void Add(SqliteConnection writer, BudgetDefinition budget)
    {
        using var command = writer.CreateCommand();
        command.CommandText = $"INSERT INTO budgets ({Columns}) VALUES ($id, $project, $name, $scope, $amount, $period, $zone, $rolling, $thresholds, $created);";
        command.Parameters.AddWithValue("$id", budget.Id);
        command.Parameters.AddWithValue("$project", budget.ProjectId);
        command.Parameters.AddWithValue("$name", budget.Name);
        command.Parameters.AddWithValue("$scope", BudgetColumns.ScopeJson(budget));
        command.Parameters.AddWithValue("$amount", budget.AmountNanoUsd);
        command.Parameters.AddWithValue("$period", budget.Period.KindName);
        command.Parameters.AddWithValue("$zone", budget.Period.TimeZoneId);
        command.Parameters.AddWithValue("$rolling", budget.Period.RollingHours is { } hours ? hours : DBNull.Value);
        command.Parameters.AddWithValue("$thresholds", BudgetColumns.ThresholdsText(budget));
        command.Parameters.AddWithValue("$created", UnixMilliseconds.From(budget.CreatedAt));
        command.ExecuteNonQuery();
    }

    public static BudgetDefinition? Find(SqliteConnection connection, string projectId, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM budgets WHERE project_id = $project AND id = $id;";
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? BudgetColumns.Read(reader) : null;
    }

    /// <summary>The project's budgets, oldest first.</summary>
    public static List<BudgetDefinition> List(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM budgets WHERE project_id = $project ORDER BY created_ms, id;";
        command.Parameters.AddWithValue("$project", projectId);
        var budgets = new List<BudgetDefinition>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            budgets.Add(BudgetColumns.Read(reader));
        }

        return budgets;
    }

    /// <summary>Every project's budgets, by project then age: for the alert worker only.</summary>
    public static List<BudgetDefinition> ListAll(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM budgets ORDER BY project_id, created_ms, id;";
        var budgets = new List<BudgetDefinition>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            budgets.Add(BudgetColumns.Read(reader));
        }

        return budgets;
    }

    public static bool Delete(SqliteConnection writer, string projectId, string id)
    {
        using var command = writer.CreateCommand();
        command.CommandText = "DELETE FROM budgets WHERE project_id = $project AND id = $id;";
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$id", id);
        return command.ExecuteNonQuery() == 1;
    }
}
