using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Outlay.Core.Budgets;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for <c>budgets</c>. Every read and delete is keyed by project as well as id.</summary>
internal static class BudgetTable
{
    private const string Columns = "id, project_id, name, scope_json, amount_nano, period, time_zone, rolling_hours, thresholds, created_ms";

    public static void Add(SqliteConnection writer, BudgetDefinition budget)
    {
        using var command = writer.CreateCommand();
        command.CommandText = $"INSERT INTO budgets ({Columns}) VALUES ($id, $project, $name, $scope, $amount, $period, $zone, $rolling, $thresholds, $created);";
        command.Parameters.AddWithValue("$id", budget.Id);
        command.Parameters.AddWithValue("$project", budget.ProjectId);
        command.Parameters.AddWithValue("$name", budget.Name);
        command.Parameters.AddWithValue("$scope", JsonSerializer.Serialize(BudgetScope.Format(budget.Scope), SqliteJsonContext.Default.IReadOnlyListString));
        command.Parameters.AddWithValue("$amount", budget.AmountNanoUsd);
        command.Parameters.AddWithValue("$period", budget.Period.KindName);
        command.Parameters.AddWithValue("$zone", budget.Period.TimeZoneId);
        command.Parameters.AddWithValue("$rolling", budget.Period.RollingHours is { } hours ? hours : DBNull.Value);
        command.Parameters.AddWithValue("$thresholds", string.Join(',', budget.Thresholds.Select(t => t.ToString(CultureInfo.InvariantCulture))));
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
        return reader.Read() ? Read(reader) : null;
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
            budgets.Add(Read(reader));
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
            budgets.Add(Read(reader));
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

    private static BudgetDefinition Read(SqliteDataReader reader)
    {
        var scopeText = JsonSerializer.Deserialize(reader.GetString(3), SqliteJsonContext.Default.IReadOnlyListString) ?? [];
        var kind = reader.GetString(5);
        var period = BudgetParser.ParseStoredPeriod(
            kind,
            string.Equals(kind, "rolling", StringComparison.Ordinal) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetInt32(7).ToString(CultureInfo.InvariantCulture) + "h");
        var thresholds = reader.GetString(8)
            .Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => int.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToList();
        return new BudgetDefinition(
            Id: reader.GetString(0),
            ProjectId: reader.GetString(1),
            Name: reader.GetString(2),
            Scope: BudgetScope.Parse(scopeText),
            AmountNanoUsd: reader.GetInt64(4),
            Period: period,
            Thresholds: thresholds,
            CreatedAt: UnixMilliseconds.ToInstant(reader.GetInt64(9)));
    }
}
