using Microsoft.Data.Sqlite;
using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>SQL for the control rows a migration reads whole and writes back with their own ids (idempotent upserts, no side effects).</summary>
internal static class TransferTables
{
    private const string CheckpointTableSql = """
        CREATE TABLE IF NOT EXISTS outlay_transfer_checkpoints (
            source        TEXT NOT NULL,
            project_id    TEXT NOT NULL,
            cursor        TEXT,
            events_copied INTEGER NOT NULL,
            updated_ms    INTEGER NOT NULL,
            PRIMARY KEY (source, project_id)
        );
        """;

    // SQLite's extended code for a UNIQUE constraint failure.
    private const int UniqueViolation = 2067;

    public static void ImportProject(SqliteConnection writer, ProjectRecord project)
    {
        using (var insert = writer.CreateCommand())
        {
            insert.CommandText = "INSERT INTO projects (id, name, created_ms) VALUES ($id, $name, $created) ON CONFLICT DO NOTHING;";
            insert.Parameters.AddWithValue("$id", project.Id);
            insert.Parameters.AddWithValue("$name", project.Name);
            insert.Parameters.AddWithValue("$created", UnixMilliseconds.From(project.CreatedAt));
            insert.ExecuteNonQuery();
        }

        using var check = writer.CreateCommand();
        check.CommandText = "SELECT id, name FROM projects WHERE id = $id OR name = $name;";
        check.Parameters.AddWithValue("$id", project.Id);
        check.Parameters.AddWithValue("$name", project.Name);
        using var reader = check.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetString(0) != project.Id || reader.GetString(1) != project.Name)
            {
                throw new TransferConflictException(
                    $"The destination already has a project '{reader.GetString(1)}' (id {reader.GetString(0)}) where the source has '{project.Name}' (id {project.Id}).");
            }
        }
    }

    public static void ImportKey(SqliteConnection writer, ApiKeyRecord key)
    {
        using var command = writer.CreateCommand();
        command.CommandText = """
            INSERT INTO api_keys (key_id, project_id, kind, secret_hash, environments_json, name, created_ms, revoked_ms)
            VALUES ($id, $project, $kind, $hash, $environments, $name, $created, $revoked)
            ON CONFLICT (key_id) DO UPDATE SET project_id = excluded.project_id, kind = excluded.kind,
                secret_hash = excluded.secret_hash, environments_json = excluded.environments_json, name = excluded.name,
                created_ms = excluded.created_ms, revoked_ms = excluded.revoked_ms;
            """;
        command.Parameters.AddWithValue("$id", key.KeyId);
        command.Parameters.AddWithValue("$project", key.ProjectId);
        command.Parameters.AddWithValue("$kind", ApiKeyText.KindName(key.Kind));
        command.Parameters.AddWithValue("$hash", key.SecretHash);
        command.Parameters.AddWithValue("$environments", StringListJson.Write(key.Environments));
        command.Parameters.AddWithValue("$name", (object?)key.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", UnixMilliseconds.From(key.CreatedAt));
        command.Parameters.AddWithValue("$revoked", key.RevokedAt is { } revoked ? UnixMilliseconds.From(revoked) : DBNull.Value);
        command.ExecuteNonQuery();
    }

    public static void ImportBudget(SqliteConnection writer, BudgetDefinition budget)
    {
        using var command = writer.CreateCommand();
        command.CommandText = $"""
            INSERT INTO budgets ({BudgetColumns.Names}) VALUES ($id, $project, $name, $scope, $amount, $period, $zone, $rolling, $thresholds, $created)
            ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, name = excluded.name, scope_json = excluded.scope_json,
                amount_nano = excluded.amount_nano, period = excluded.period, time_zone = excluded.time_zone,
                rolling_hours = excluded.rolling_hours, thresholds = excluded.thresholds, created_ms = excluded.created_ms;
            """;
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

    public static int ImportBudgetAlerts(SqliteConnection writer, IReadOnlyList<BudgetAlert> alerts)
    {
        using var transaction = writer.BeginTransaction();
        var added = 0;
        foreach (var alert in alerts)
        {
            // The same insert TryRecordBudgetAlertAsync makes, without queueing deliveries: these alerts were sent already.
            added += BudgetAlertTable.TryAdd(writer, transaction, alert) ? 1 : 0;
        }

        transaction.Commit();
        return added;
    }

    public static void ImportAlertChannel(SqliteConnection writer, AlertChannel channel)
    {
        using var command = writer.CreateCommand();
        command.CommandText = """
            INSERT INTO alert_channels (id, project_id, name, kind, display_target, sealed_settings, created_ms)
            VALUES ($id, $project, $name, $kind, $target, $sealed, $created)
            ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, name = excluded.name, kind = excluded.kind,
                display_target = excluded.display_target, sealed_settings = excluded.sealed_settings, created_ms = excluded.created_ms;
            """;
        command.Parameters.AddWithValue("$id", channel.Id);
        command.Parameters.AddWithValue("$project", channel.ProjectId);
        command.Parameters.AddWithValue("$name", channel.Name);
        command.Parameters.AddWithValue("$kind", channel.KindName);
        command.Parameters.AddWithValue("$target", channel.DisplayTarget);
        command.Parameters.AddWithValue("$sealed", channel.SealedSettings);
        command.Parameters.AddWithValue("$created", UnixMilliseconds.From(channel.CreatedAt));
        command.ExecuteNonQuery();
    }

    public static void ImportFinding(SqliteConnection writer, Finding finding)
    {
        using var command = writer.CreateCommand();
        command.CommandText = TransferFindingSql.Upsert;
        command.Parameters.AddWithValue("@id", finding.Id.ToString("D"));
        foreach (var (name, value) in TransferFindingSql.Values(finding))
        {
            command.Parameters.AddWithValue("@" + name, value ?? DBNull.Value);
        }

        try
        {
            command.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == UniqueViolation)
        {
            throw new TransferConflictException(
                $"The destination's project {finding.ProjectId} already has another finding with the fingerprint of finding {finding.Id}.", e);
        }
    }

    public static List<Finding> ListFindings(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = FindingColumns.Select + " WHERE f.project_id = @project ORDER BY f.first_seen_ms, f.id;";
        command.Parameters.AddWithValue("@project", projectId);
        var findings = new List<Finding>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            findings.Add(FindingColumns.Read(reader));
        }

        return findings;
    }

    public static List<FindingSnooze> ListSnoozes(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, subject, until_ms FROM finding_snoozes WHERE project_id = $project ORDER BY kind, subject;";
        command.Parameters.AddWithValue("$project", projectId);
        var snoozes = new List<FindingSnooze>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            snoozes.Add(new FindingSnooze(projectId, reader.GetString(0), reader.GetString(1), UnixMilliseconds.ToInstant(reader.GetInt64(2))));
        }

        return snoozes;
    }

    public static void ImportSnooze(SqliteConnection writer, FindingSnooze snooze)
    {
        using var command = writer.CreateCommand();
        command.CommandText = """
            INSERT INTO finding_snoozes (project_id, kind, subject, until_ms) VALUES ($project, $kind, $subject, $until)
            ON CONFLICT (project_id, kind, subject) DO UPDATE SET until_ms = excluded.until_ms;
            """;
        command.Parameters.AddWithValue("$project", snooze.ProjectId);
        command.Parameters.AddWithValue("$kind", snooze.Kind);
        command.Parameters.AddWithValue("$subject", snooze.Subject);
        command.Parameters.AddWithValue("$until", UnixMilliseconds.From(snooze.Until));
        command.ExecuteNonQuery();
    }

    public static List<BudgetAlert> ListAlerts(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {BudgetAlertColumns.Names} FROM budget_alerts WHERE project_id = $project ORDER BY fired_ms, rowid;";
        command.Parameters.AddWithValue("$project", projectId);
        var alerts = new List<BudgetAlert>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            alerts.Add(BudgetAlertColumns.Read(reader));
        }

        return alerts;
    }

    public static long CountPendingDeliveries(SqliteConnection connection, string projectId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM alert_deliveries WHERE project_id = $project AND state = 'pending';";
        command.Parameters.AddWithValue("$project", projectId);
        return (long)command.ExecuteScalar()!;
    }

    public static void SetClientDrops(SqliteConnection writer, string projectId, ClientDropReport totals)
    {
        using var command = writer.CreateCommand();
        command.CommandText = """
            INSERT INTO client_drops (project_id, queue_full, rejected_by_server, send_failed)
            VALUES ($project, $queue_full, $rejected, $failed)
            ON CONFLICT (project_id) DO UPDATE SET queue_full = excluded.queue_full,
                rejected_by_server = excluded.rejected_by_server, send_failed = excluded.send_failed;
            """;
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$queue_full", totals.QueueFull);
        command.Parameters.AddWithValue("$rejected", totals.RejectedByServer);
        command.Parameters.AddWithValue("$failed", totals.SendFailed);
        command.ExecuteNonQuery();
    }

    public static TransferCheckpoint? ReadCheckpoint(SqliteConnection writer, string source, string projectId)
    {
        CreateCheckpointTable(writer);
        using var command = writer.CreateCommand();
        command.CommandText = "SELECT cursor, events_copied, updated_ms FROM outlay_transfer_checkpoints WHERE source = $source AND project_id = $project;";
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$project", projectId);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new TransferCheckpoint(source, projectId, reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1), UnixMilliseconds.ToInstant(reader.GetInt64(2)))
            : null;
    }

    public static void WriteCheckpoint(SqliteConnection writer, TransferCheckpoint checkpoint)
    {
        CreateCheckpointTable(writer);
        using var command = writer.CreateCommand();
        command.CommandText = """
            INSERT INTO outlay_transfer_checkpoints (source, project_id, cursor, events_copied, updated_ms)
            VALUES ($source, $project, $cursor, $copied, $updated)
            ON CONFLICT (source, project_id) DO UPDATE SET cursor = excluded.cursor, events_copied = excluded.events_copied,
                updated_ms = excluded.updated_ms;
            """;
        command.Parameters.AddWithValue("$source", checkpoint.Source);
        command.Parameters.AddWithValue("$project", checkpoint.ProjectId);
        command.Parameters.AddWithValue("$cursor", (object?)checkpoint.Cursor ?? DBNull.Value);
        command.Parameters.AddWithValue("$copied", checkpoint.EventsCopied);
        command.Parameters.AddWithValue("$updated", UnixMilliseconds.From(checkpoint.UpdatedAt));
        command.ExecuteNonQuery();
    }

    // Created on first use rather than by a schema migration: only a store that has been the destination of a
    // migration needs it, and it holds no data a server reads.
    private static void CreateCheckpointTable(SqliteConnection writer)
    {
        using var command = writer.CreateCommand();
        command.CommandText = CheckpointTableSql;
        command.ExecuteNonQuery();
    }
}
