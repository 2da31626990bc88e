using Microsoft.Data.Sqlite;
using Outlay.Core.Credentials;
using Outlay.Core.Querying;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for <c>credential_places</c>, <c>credential_usage_hourly</c> and <c>credential_retirements</c>; every statement is keyed by project.</summary>
internal static class CredentialTables
{
    private const string Places = "SELECT " + CredentialColumns.PlaceNames + " FROM credential_places WHERE project_id = $project";

    // Ties on last seen are broken by the key, so the order is stable.
    private const string PlaceOrder = " ORDER BY last_seen_ms DESC, key_label, service, environment, instance, model;";

    private const string Usage = "SELECT " + CredentialColumns.UsageNames + " FROM credential_usage_hourly WHERE project_id = $project AND hour >= $from AND hour < $to";

    private const string UsageOrder = " ORDER BY hour, key_label, service, environment, instance, model, feature;";

    private const string SetRetirementSql = "INSERT INTO credential_retirements (" + CredentialColumns.RetirementNames + """
        ) VALUES ($project, $label, $retired, $replaced_by, $note, $created, $created_by)
        ON CONFLICT (project_id, key_label) DO UPDATE SET retired_ms = excluded.retired_ms, replaced_by = excluded.replaced_by,
            note = excluded.note, created_ms = excluded.created_ms, created_by = excluded.created_by;
        """;

    public static List<CredentialPlace> ListPlaces(SqliteConnection connection, string projectId, string? keyLabel)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Places + (keyLabel is null ? string.Empty : " AND key_label = $label") + PlaceOrder;
        command.Parameters.AddWithValue("$project", projectId);
        if (keyLabel is not null)
        {
            command.Parameters.AddWithValue("$label", keyLabel);
        }

        var places = new List<CredentialPlace>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            places.Add(CredentialColumns.ReadPlace(reader));
        }

        return places;
    }

    /// <summary>The rows of the whole UTC hours covering [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static List<CredentialUsageRow> QueryUsage(SqliteConnection connection, string projectId, DateTimeOffset from, DateTimeOffset to, string? keyLabel)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Usage + (keyLabel is null ? string.Empty : " AND key_label = $label") + UsageOrder;
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$from", HourAlignment.Floor(from).ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$to", HourAlignment.Ceiling(to).ToUnixTimeSeconds());
        if (keyLabel is not null)
        {
            command.Parameters.AddWithValue("$label", keyLabel);
        }

        var rows = new List<CredentialUsageRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(CredentialColumns.ReadUsage(reader));
        }

        return rows;
    }

    public static void SetRetirement(SqliteConnection writer, CredentialRetirement retirement)
    {
        using var command = writer.CreateCommand();
        command.CommandText = SetRetirementSql;
        command.Parameters.AddWithValue("$project", retirement.ProjectId);
        command.Parameters.AddWithValue("$label", retirement.KeyLabel);
        command.Parameters.AddWithValue("$retired", UnixMilliseconds.From(retirement.RetiredAt));
        command.Parameters.AddWithValue("$replaced_by", (object?)retirement.ReplacedBy ?? DBNull.Value);
        command.Parameters.AddWithValue("$note", (object?)retirement.Note ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", UnixMilliseconds.From(retirement.CreatedAt));
        command.Parameters.AddWithValue("$created_by", (object?)retirement.CreatedBy ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>The project's retirements, by label.</summary>
    public static List<CredentialRetirement> ListRetirements(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + CredentialColumns.RetirementNames + " FROM credential_retirements WHERE project_id = $project ORDER BY key_label;";
        command.Parameters.AddWithValue("$project", projectId);
        var retirements = new List<CredentialRetirement>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            retirements.Add(CredentialColumns.ReadRetirement(reader));
        }

        return retirements;
    }

    public static bool DeleteRetirement(SqliteConnection writer, string projectId, string keyLabel)
    {
        using var command = writer.CreateCommand();
        command.CommandText = "DELETE FROM credential_retirements WHERE project_id = $project AND key_label = $label;";
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$label", keyLabel);
        return command.ExecuteNonQuery() == 1;
    }
}
