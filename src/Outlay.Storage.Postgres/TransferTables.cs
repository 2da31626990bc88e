using Npgsql;
using NpgsqlTypes;
using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>SQL for the control rows a migration reads whole and writes back with their own ids (idempotent upserts, no side effects).</summary>
internal static class TransferTables
{
    // Created on first use rather than by a schema migration: only a database that has been the destination of a
    // migration needs it, and it holds no data a server reads.
    private const string CheckpointTableSql = """
        CREATE TABLE IF NOT EXISTS outlay_transfer_checkpoints (
            source        text NOT NULL,
            project_id    text COLLATE "C" NOT NULL,
            cursor        text,
            events_copied bigint NOT NULL,
            updated_ms    bigint NOT NULL,
            PRIMARY KEY (source, project_id)
        );
        """;

    public static async Task ImportProjectAsync(NpgsqlDataSource dataSource, ProjectRecord project, CancellationToken cancellationToken)
    {
        await using (var insert = dataSource.CreateCommand("INSERT INTO projects (id, name, created_ms) VALUES (@id, @name, @created) ON CONFLICT DO NOTHING;"))
        {
            insert.Parameters.AddWithValue("id", project.Id);
            insert.Parameters.AddWithValue("name", project.Name);
            insert.Parameters.AddWithValue("created", project.CreatedAt.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var check = dataSource.CreateCommand("SELECT id, name FROM projects WHERE id = @id OR name = @name;");
        check.Parameters.AddWithValue("id", project.Id);
        check.Parameters.AddWithValue("name", project.Name);
        var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.GetString(0) != project.Id || reader.GetString(1) != project.Name)
                {
                    throw new TransferConflictException(
                        $"The destination already has a project '{reader.GetString(1)}' (id {reader.GetString(0)}) where the source has '{project.Name}' (id {project.Id}).");
                }
            }
        }
    }

    public static async Task ImportKeyAsync(NpgsqlDataSource dataSource, ApiKeyRecord key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO api_keys (key_id, project_id, kind, secret_hash, environments_json, name, created_ms, revoked_ms)
            VALUES (@id, @project, @kind, @hash, @environments, @name, @created, @revoked)
            ON CONFLICT (key_id) DO UPDATE SET project_id = excluded.project_id, kind = excluded.kind,
                secret_hash = excluded.secret_hash, environments_json = excluded.environments_json, name = excluded.name,
                created_ms = excluded.created_ms, revoked_ms = excluded.revoked_ms;
            """);
        command.Parameters.AddWithValue("id", key.KeyId);
        command.Parameters.AddWithValue("project", key.ProjectId);
        command.Parameters.AddWithValue("kind", ApiKeyText.KindName(key.Kind));
        command.Parameters.AddWithValue("hash", key.SecretHash);
        command.Parameters.AddWithValue("environments", StringListJson.Write(key.Environments));
        command.Parameters.AddWithValue("name", NpgsqlDbType.Text, (object?)key.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("created", key.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("revoked", NpgsqlDbType.Bigint, key.RevokedAt is { } revoked ? revoked.ToUnixTimeMilliseconds() : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task ImportBudgetAsync(NpgsqlDataSource dataSource, BudgetDefinition budget, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO budgets ({BudgetColumns.Names}) VALUES (@id, @project, @name, @scope, @amount, @period, @zone, @rolling, @thresholds, @created)
            ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, name = excluded.name, scope_json = excluded.scope_json,
                amount_nano = excluded.amount_nano, period = excluded.period, time_zone = excluded.time_zone,
                rolling_hours = excluded.rolling_hours, thresholds = excluded.thresholds, created_ms = excluded.created_ms;
            """);
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

    public static async Task<int> ImportBudgetAlertsAsync(NpgsqlDataSource dataSource, IReadOnlyList<BudgetAlert> alerts, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var added = 0;
                foreach (var alert in alerts)
                {
                    // The same insert TryRecordBudgetAlertAsync makes, without queueing deliveries: these alerts were sent already.
                    added += await BudgetAlertTable.TryAddAsync(connection, alert, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return added;
            }
        }
    }

    public static async Task ImportAlertChannelAsync(NpgsqlDataSource dataSource, AlertChannel channel, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO alert_channels (id, project_id, name, kind, display_target, sealed_settings, created_ms)
            VALUES (@id, @project, @name, @kind, @target, @sealed, @created)
            ON CONFLICT (id) DO UPDATE SET project_id = excluded.project_id, name = excluded.name, kind = excluded.kind,
                display_target = excluded.display_target, sealed_settings = excluded.sealed_settings, created_ms = excluded.created_ms;
            """);
        command.Parameters.AddWithValue("id", channel.Id);
        command.Parameters.AddWithValue("project", channel.ProjectId);
        command.Parameters.AddWithValue("name", channel.Name);
        command.Parameters.AddWithValue("kind", channel.KindName);
        command.Parameters.AddWithValue("target", channel.DisplayTarget);
        command.Parameters.AddWithValue("sealed", channel.SealedSettings);
        command.Parameters.AddWithValue("created", channel.CreatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task ImportFindingAsync(NpgsqlDataSource dataSource, Finding finding, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(TransferFindingSql.Upsert);
        command.Parameters.AddWithValue("id", finding.Id);
        foreach (var (name, value) in TransferFindingSql.Values(finding))
        {
            switch (value)
            {
                case long number:
                    command.Parameters.AddWithValue(name, number);
                    break;
                case int count:
                    command.Parameters.AddWithValue(name, count);
                    break;
                case bool flag:
                    command.Parameters.AddWithValue(name, flag);
                    break;
                default:
                    command.Parameters.AddWithValue(name, name == "acknowledged" ? NpgsqlDbType.Bigint : NpgsqlDbType.Text, value ?? DBNull.Value);
                    break;
            }
        }

        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new TransferConflictException(
                $"The destination's project {finding.ProjectId} already has another finding with the fingerprint of finding {finding.Id}.", e);
        }
    }

    public static async Task<List<Finding>> ListFindingsAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(FindingColumns.Select + " WHERE f.project_id = @project ORDER BY f.first_seen_ms, f.id;");
        command.Parameters.AddWithValue("project", projectId);
        var findings = new List<Finding>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                findings.Add(FindingColumns.Read(reader));
            }
        }

        return findings;
    }

    public static async Task<List<FindingSnooze>> ListSnoozesAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT kind, subject, until_ms FROM finding_snoozes WHERE project_id = @project ORDER BY kind, subject;");
        command.Parameters.AddWithValue("project", projectId);
        var snoozes = new List<FindingSnooze>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                snoozes.Add(new FindingSnooze(projectId, reader.GetString(0), reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
            }
        }

        return snoozes;
    }

    public static async Task ImportSnoozeAsync(NpgsqlDataSource dataSource, FindingSnooze snooze, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO finding_snoozes (project_id, kind, subject, until_ms) VALUES (@project, @kind, @subject, @until)
            ON CONFLICT (project_id, kind, subject) DO UPDATE SET until_ms = excluded.until_ms;
            """);
        command.Parameters.AddWithValue("project", snooze.ProjectId);
        command.Parameters.AddWithValue("kind", snooze.Kind);
        command.Parameters.AddWithValue("subject", snooze.Subject);
        command.Parameters.AddWithValue("until", snooze.Until.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<List<BudgetAlert>> ListAlertsAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {BudgetAlertColumns.Names} FROM budget_alerts WHERE project_id = @project ORDER BY fired_ms, seq;");
        command.Parameters.AddWithValue("project", projectId);
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

    public static async Task<long> CountPendingDeliveriesAsync(NpgsqlDataSource dataSource, string projectId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT COUNT(*) FROM alert_deliveries WHERE project_id = @project AND state = 'pending';");
        command.Parameters.AddWithValue("project", projectId);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public static async Task SetClientDropsAsync(NpgsqlDataSource dataSource, string projectId, ClientDropReport totals, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO client_drops (project_id, queue_full, rejected_by_server, send_failed)
            VALUES (@project, @queue_full, @rejected, @failed)
            ON CONFLICT (project_id) DO UPDATE SET queue_full = excluded.queue_full,
                rejected_by_server = excluded.rejected_by_server, send_failed = excluded.send_failed;
            """);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("queue_full", totals.QueueFull);
        command.Parameters.AddWithValue("rejected", totals.RejectedByServer);
        command.Parameters.AddWithValue("failed", totals.SendFailed);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<TransferCheckpoint?> ReadCheckpointAsync(NpgsqlDataSource dataSource, string source, string projectId, CancellationToken cancellationToken)
    {
        await CreateCheckpointTableAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("SELECT cursor, events_copied, updated_ms FROM outlay_transfer_checkpoints WHERE source = @source AND project_id = @project;");
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("project", projectId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                ? new TransferCheckpoint(source, projectId, reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
                : null;
        }
    }

    public static async Task WriteCheckpointAsync(NpgsqlDataSource dataSource, TransferCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        await CreateCheckpointTableAsync(dataSource, cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO outlay_transfer_checkpoints (source, project_id, cursor, events_copied, updated_ms)
            VALUES (@source, @project, @cursor, @copied, @updated)
            ON CONFLICT (source, project_id) DO UPDATE SET cursor = excluded.cursor, events_copied = excluded.events_copied,
                updated_ms = excluded.updated_ms;
            """);
        command.Parameters.AddWithValue("source", checkpoint.Source);
        command.Parameters.AddWithValue("project", checkpoint.ProjectId);
        command.Parameters.AddWithValue("cursor", NpgsqlDbType.Text, (object?)checkpoint.Cursor ?? DBNull.Value);
        command.Parameters.AddWithValue("copied", checkpoint.EventsCopied);
        command.Parameters.AddWithValue("updated", checkpoint.UpdatedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CreateCheckpointTableAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CheckpointTableSql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
