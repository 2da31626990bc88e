using Npgsql;
using NpgsqlTypes;
using Outlay.Core.Credentials;
using Outlay.Core.Querying;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>SQL for <c>credential_places</c>, <c>credential_usage_hourly</c> and <c>credential_retirements</c>; every statement is keyed by project.</summary>
internal static class CredentialTables
{
    private const string Places = "SELECT " + CredentialColumns.PlaceNames + " FROM credential_places WHERE project_id = @project";

    // Ties on last seen are broken by the key, so the order is stable (and the same as SQLite's: the columns are COLLATE "C").
    private const string PlaceOrder = " ORDER BY last_seen_ms DESC, key_label, service, environment, instance, model;";

    private const string Usage = "SELECT " + CredentialColumns.UsageNames + " FROM credential_usage_hourly WHERE project_id = @project AND hour >= @from AND hour < @to";

    private const string UsageOrder = " ORDER BY hour, key_label, service, environment, instance, model, feature;";

    private const string SetRetirementSql = "INSERT INTO credential_retirements (" + CredentialColumns.RetirementNames + """
        ) VALUES (@project, @label, @retired, @replaced_by, @note, @created, @created_by)
        ON CONFLICT (project_id, key_label) DO UPDATE SET retired_ms = excluded.retired_ms, replaced_by = excluded.replaced_by,
            note = excluded.note, created_ms = excluded.created_ms, created_by = excluded.created_by;
        """;

    public static async Task<List<CredentialPlace>> ListPlacesAsync(NpgsqlDataSource dataSource, string projectId, string? keyLabel, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Places + (keyLabel is null ? string.Empty : " AND key_label = @label") + PlaceOrder);
        command.Parameters.AddWithValue("project", projectId);
        if (keyLabel is not null)
        {
            command.Parameters.AddWithValue("label", keyLabel);
        }

        return await ReadAllAsync(command, CredentialColumns.ReadPlace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rows of the whole UTC hours covering [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static async Task<List<CredentialUsageRow>> QueryUsageAsync(
        NpgsqlDataSource dataSource, string projectId, DateTimeOffset from, DateTimeOffset to, string? keyLabel, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Usage + (keyLabel is null ? string.Empty : " AND key_label = @label") + UsageOrder);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("from", HourAlignment.Floor(from).ToUnixTimeSeconds());
        command.Parameters.AddWithValue("to", HourAlignment.Ceiling(to).ToUnixTimeSeconds());
        if (keyLabel is not null)
        {
            command.Parameters.AddWithValue("label", keyLabel);
        }

        return await ReadAllAsync(command, CredentialColumns.ReadUsage, cancellationToken).ConfigureAwait(false);
    }

    public static async Task SetRetirementAsync(NpgsqlDataSource dataSource, CredentialRetirement retirement, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SetRetirementSql);
        command.Parameters.AddWithValue("project", retirement.ProjectId);
        command.Parameters.AddWithValue("label", retirement.KeyLabel);
        command.Parameters.AddWithValue("retired", retirement.RetiredAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("replaced_by", NpgsqlDbType.Text, (object?)retirement.ReplacedBy ?? DBNull.Value);
        command.Parameters.AddWithValue("note", NpgsqlDbType.Text, (object?)retirement.Note ?? DBNull.Value);
        command.Parameters.AddWithValue("created", retirement.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("created_by", NpgsqlDbType.Text, (object?)retirement.CreatedBy ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The project's retirements, by label.</summary>
    public static async Task<List<CredentialRetirement>> ListRetirementsAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT " + CredentialColumns.RetirementNames + " FROM credential_retirements WHERE project_id = @project ORDER BY key_label;");
        command.Parameters.AddWithValue("project", projectId);
        return await ReadAllAsync(command, CredentialColumns.ReadRetirement, cancellationToken).ConfigureAwait(false);
    }

    public static async Task<bool> DeleteRetirementAsync(NpgsqlDataSource dataSource, string projectId, string keyLabel, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM credential_retirements WHERE project_id = @project AND key_label = @label;");
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("label", keyLabel);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<List<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }
        }

        return rows;
    }
}
