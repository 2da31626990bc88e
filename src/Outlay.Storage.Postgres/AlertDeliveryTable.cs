using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using Outlay.Core.Alerts;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>
/// SQL for <c>alert_deliveries</c>. A claim is one <c>UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)</c>, so
/// processes sharing the database lease disjoint rows: a row another claim is taking is skipped, not waited for.
/// </summary>
internal static class AlertDeliveryTable
{
    /// <summary>Longest detail kept: 500 characters.</summary>
    public const int MaxDetailLength = 500;

    private const string Columns =
        "id, project_id, channel_id, notice, budget_id, period_start_ms, alert_kind, threshold, state, attempts, "
        + "next_attempt_ms, created_ms, last_attempt_ms, last_detail, delivered_ms, finding_id";

    /// <summary>Queues the alert for every channel of its project, in the caller's transaction; returns how many.</summary>
    public static async Task<int> AddForAlertAsync(NpgsqlConnection connection, BudgetAlert alert, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO alert_deliveries (project_id, channel_id, notice, budget_id, period_start_ms, alert_kind, threshold,
                                          state, attempts, next_attempt_ms, created_ms)
            SELECT @project, id, 'alert', @budget, @period, @kind, @threshold, 'pending', 0, @fired, @fired
            FROM alert_channels WHERE project_id = @project ORDER BY created_ms, id;
            """,
            connection);
        command.Parameters.AddWithValue("project", alert.ProjectId);
        command.Parameters.AddWithValue("budget", alert.BudgetId);
        command.Parameters.AddWithValue("period", alert.PeriodStart.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("kind", BudgetAlertColumns.KindName(alert.Kind));
        command.Parameters.AddWithValue("threshold", alert.Threshold);
        command.Parameters.AddWithValue("fired", alert.FiredAt.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues the finding for every channel of its project, in the caller's transaction; returns how many.</summary>
    public static async Task<int> AddForFindingAsync(NpgsqlConnection connection, string projectId, Guid findingId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO alert_deliveries (project_id, channel_id, notice, finding_id, state, attempts, next_attempt_ms, created_ms)
            SELECT @project, id, 'finding', @finding, 'pending', 0, @at, @at
            FROM alert_channels WHERE project_id = @project ORDER BY created_ms, id;
            """,
            connection);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("finding", findingId);
        command.Parameters.AddWithValue("at", at.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Queues a test notice for one channel of the project; null when there is no such channel.</summary>
    public static async Task<AlertDelivery?> AddTestAsync(NpgsqlDataSource dataSource, string projectId, string channelId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO alert_deliveries (project_id, channel_id, notice, state, attempts, next_attempt_ms, created_ms)
            SELECT project_id, id, 'test', 'pending', 0, @at, @at
            FROM alert_channels WHERE project_id = @project AND id = @id
            RETURNING {Columns};
            """);
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("id", channelId);
        command.Parameters.AddWithValue("at", at.ToUnixTimeMilliseconds());
        return (await ReadAllAsync(command, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    /// <summary>Leases due deliveries under a new token and counts an attempt for each; oldest due first.</summary>
    public static async Task<List<ClaimedAlertDelivery>> ClaimAsync(NpgsqlDataSource dataSource, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var until = now + lease;
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            List<AlertDelivery> deliveries;
            await using (var command = new NpgsqlCommand(
                $"""
                UPDATE alert_deliveries
                SET lease_token = @token, lease_until_ms = @until, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM alert_deliveries
                    WHERE state = 'pending' AND next_attempt_ms <= @now AND (lease_until_ms IS NULL OR lease_until_ms <= @now)
                    ORDER BY next_attempt_ms, id
                    LIMIT @limit
                    FOR UPDATE SKIP LOCKED)
                RETURNING {Columns};
                """,
                connection))
            {
                command.Parameters.AddWithValue("token", token);
                command.Parameters.AddWithValue("until", until.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("now", now.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("limit", limit);
                deliveries = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            }

            // RETURNING gives no order; keep the due order the caller asked for.
            var claimed = new List<ClaimedAlertDelivery>(deliveries.Count);
            foreach (var delivery in deliveries.OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id))
            {
                var alert = delivery.Alert is { } key ? await BudgetAlertTable.FindAsync(connection, key, cancellationToken).ConfigureAwait(false) : null;
                var finding = delivery.FindingId is { } findingId
                    ? await FindingTable.FindAsync(connection, delivery.ProjectId, findingId, cancellationToken).ConfigureAwait(false)
                    : null;
                claimed.Add(new ClaimedAlertDelivery(delivery, alert, token, until, finding));
            }

            return claimed;
        }
    }

    /// <summary>Records an attempt's end when the lease is still the caller's, in the caller's transaction; returns the channel id, or null.</summary>
    public static async Task<string?> CompleteAsync(NpgsqlConnection connection, long id, string token, AlertDeliveryCompletion completion, CancellationToken cancellationToken)
    {
        var state = completion.State switch
        {
            AlertDeliveryState.Delivered => "delivered",
            AlertDeliveryState.Failed => "failed",
            _ => "pending",
        };
        await using var command = new NpgsqlCommand(
            """
            UPDATE alert_deliveries
            SET state = @state, next_attempt_ms = COALESCE(@retry, next_attempt_ms), lease_token = NULL, lease_until_ms = NULL,
                last_attempt_ms = @at, last_detail = @detail, delivered_ms = CASE WHEN @state = 'delivered' THEN @at ELSE NULL END
            WHERE id = @id AND lease_token = @token AND state = 'pending'
            RETURNING channel_id;
            """,
            connection);
        command.Parameters.AddWithValue("state", state);
        command.Parameters.AddWithValue(
            "retry",
            NpgsqlDbType.Bigint,
            completion.RetryAt is { } retry && completion.State == AlertDeliveryState.Pending ? retry.ToUnixTimeMilliseconds() : DBNull.Value);
        command.Parameters.AddWithValue("at", completion.AttemptedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("detail", Truncate(completion.Detail));
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("token", token);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <summary>The project's deliveries, newest first.</summary>
    public static async Task<List<AlertDelivery>> ListAsync(NpgsqlDataSource dataSource, string projectId, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM alert_deliveries WHERE project_id = @project ORDER BY id DESC LIMIT @limit;");
        command.Parameters.AddWithValue("project", projectId);
        command.Parameters.AddWithValue("limit", limit);
        return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public static string Truncate(string detail) => detail.Length <= MaxDetailLength ? detail : detail[..MaxDetailLength];

    private static async Task<List<AlertDelivery>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var deliveries = new List<AlertDelivery>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var isAlert = string.Equals(reader.GetString(3), "alert", StringComparison.Ordinal);
                var state = reader.GetString(8) switch
                {
                    "delivered" => AlertDeliveryState.Delivered,
                    "failed" => AlertDeliveryState.Failed,
                    _ => AlertDeliveryState.Pending,
                };
                deliveries.Add(new AlertDelivery(
                    Id: reader.GetInt64(0),
                    ProjectId: reader.GetString(1),
                    ChannelId: reader.GetString(2),
                    Alert: isAlert
                        ? new BudgetAlertKey(reader.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), BudgetAlertColumns.ParseKind(reader.GetString(6)), reader.GetInt32(7))
                        : null,
                    State: state,
                    Attempts: reader.GetInt32(9),
                    NextAttemptAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                    CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
                    LastAttemptAt: reader.IsDBNull(12) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(12)),
                    LastDetail: reader.IsDBNull(13) ? null : reader.GetString(13),
                    DeliveredAt: reader.IsDBNull(14) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(14)),
                    FindingId: reader.IsDBNull(15) ? null : reader.GetGuid(15)));
            }
        }

        return deliveries;
    }
}
