using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Outlay.Core.Alerts;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// SQL for <c>alert_deliveries</c>. A claim is one <c>UPDATE … RETURNING</c> statement, which SQLite runs under its
/// single write lock, so processes sharing the file never lease the same row at once.
/// </summary>
internal static class AlertDeliveryTable
{
    /// <summary>Longest detail kept: 500 characters.</summary>
    public const int MaxDetailLength = 500;

    private const string Columns =
        "id, project_id, channel_id, notice, budget_id, period_start_ms, alert_kind, threshold, state, attempts, "
        + "next_attempt_ms, created_ms, last_attempt_ms, last_detail, delivered_ms, finding_id";

    /// <summary>Queues the alert for every channel of its project, in the caller's transaction; returns how many.</summary>
    public static int AddForAlert(SqliteConnection writer, SqliteTransaction transaction, BudgetAlert alert)
    {
        using var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO alert_deliveries (project_id, channel_id, notice, budget_id, period_start_ms, alert_kind, threshold,
                                          state, attempts, next_attempt_ms, created_ms)
            SELECT $project, id, 'alert', $budget, $period, $kind, $threshold, 'pending', 0, $fired, $fired
            FROM alert_channels WHERE project_id = $project ORDER BY created_ms, id;
            """;
        command.Parameters.AddWithValue("$project", alert.ProjectId);
        command.Parameters.AddWithValue("$budget", alert.BudgetId);
        command.Parameters.AddWithValue("$period", UnixMilliseconds.From(alert.PeriodStart));
        command.Parameters.AddWithValue("$kind", BudgetAlertColumns.KindName(alert.Kind));
        command.Parameters.AddWithValue("$threshold", alert.Threshold);
        command.Parameters.AddWithValue("$fired", UnixMilliseconds.From(alert.FiredAt));
        return command.ExecuteNonQuery();
    }

    /// <summary>Queues the finding for every channel of its project, in the caller's transaction; returns how many.</summary>
    public static int AddForFinding(SqliteConnection writer, SqliteTransaction transaction, string projectId, Guid findingId, DateTimeOffset at)
    {
        using var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO alert_deliveries (project_id, channel_id, notice, finding_id, state, attempts, next_attempt_ms, created_ms)
            SELECT $project, id, 'finding', $finding, 'pending', 0, $at, $at
            FROM alert_channels WHERE project_id = $project ORDER BY created_ms, id;
            """;
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$finding", findingId.ToString("D"));
        command.Parameters.AddWithValue("$at", UnixMilliseconds.From(at));
        return command.ExecuteNonQuery();
    }

    /// <summary>Queues a test notice for one channel of the project; null when there is no such channel.</summary>
    public static AlertDelivery? AddTest(SqliteConnection writer, string projectId, string channelId, DateTimeOffset at)
    {
        using var command = writer.CreateCommand();
        command.CommandText = $"""
            INSERT INTO alert_deliveries (project_id, channel_id, notice, state, attempts, next_attempt_ms, created_ms)
            SELECT project_id, id, 'test', 'pending', 0, $at, $at
            FROM alert_channels WHERE project_id = $project AND id = $id
            RETURNING {Columns};
            """;
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$id", channelId);
        command.Parameters.AddWithValue("$at", UnixMilliseconds.From(at));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    /// <summary>Leases due deliveries under a new token and counts an attempt for each; oldest due first.</summary>
    public static List<ClaimedAlertDelivery> Claim(SqliteConnection writer, DateTimeOffset now, TimeSpan lease, int limit)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var until = now + lease;
        var deliveries = new List<AlertDelivery>();
        using (var command = writer.CreateCommand())
        {
            command.CommandText = $"""
                UPDATE alert_deliveries
                SET lease_token = $token, lease_until_ms = $until, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM alert_deliveries
                    WHERE state = 'pending' AND next_attempt_ms <= $now AND (lease_until_ms IS NULL OR lease_until_ms <= $now)
                    ORDER BY next_attempt_ms, id
                    LIMIT $limit)
                RETURNING {Columns};
                """;
            command.Parameters.AddWithValue("$token", token);
            command.Parameters.AddWithValue("$until", UnixMilliseconds.From(until));
            command.Parameters.AddWithValue("$now", UnixMilliseconds.From(now));
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                deliveries.Add(Read(reader));
            }
        }

        // RETURNING gives no order; keep the due order the caller asked for.
        return deliveries
            .OrderBy(d => d.NextAttemptAt)
            .ThenBy(d => d.Id)
            .Select(d => new ClaimedAlertDelivery(
                d,
                d.Alert is { } key ? BudgetAlertTable.Find(writer, key) : null,
                token,
                until,
                d.FindingId is { } findingId ? FindingTable.Find(writer, null, d.ProjectId, findingId) : null))
            .ToList();
    }

    /// <summary>Records an attempt's end when the lease is still the caller's; returns the channel id, or null.</summary>
    public static string? Complete(SqliteConnection writer, SqliteTransaction transaction, long id, string token, AlertDeliveryCompletion completion)
    {
        var state = completion.State switch
        {
            AlertDeliveryState.Delivered => "delivered",
            AlertDeliveryState.Failed => "failed",
            _ => "pending",
        };
        using var command = writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE alert_deliveries
            SET state = $state, next_attempt_ms = COALESCE($retry, next_attempt_ms), lease_token = NULL, lease_until_ms = NULL,
                last_attempt_ms = $at, last_detail = $detail, delivered_ms = CASE WHEN $state = 'delivered' THEN $at ELSE NULL END
            WHERE id = $id AND lease_token = $token AND state = 'pending'
            RETURNING channel_id;
            """;
        command.Parameters.AddWithValue("$state", state);
        command.Parameters.AddWithValue("$retry", completion.RetryAt is { } retry && completion.State == AlertDeliveryState.Pending ? UnixMilliseconds.From(retry) : DBNull.Value);
        command.Parameters.AddWithValue("$at", UnixMilliseconds.From(completion.AttemptedAt));
        command.Parameters.AddWithValue("$detail", Truncate(completion.Detail));
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$token", token);
        return command.ExecuteScalar() as string;
    }

    /// <summary>The project's deliveries, newest first.</summary>
    public static List<AlertDelivery> List(SqliteConnection connection, string projectId, int limit)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM alert_deliveries WHERE project_id = $project ORDER BY id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$project", projectId);
        command.Parameters.AddWithValue("$limit", limit);
        var deliveries = new List<AlertDelivery>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            deliveries.Add(Read(reader));
        }

        return deliveries;
    }

    public static string Truncate(string detail) => detail.Length <= MaxDetailLength ? detail : detail[..MaxDetailLength];

    private static AlertDelivery Read(SqliteDataReader reader)
    {
        var isAlert = string.Equals(reader.GetString(3), "alert", StringComparison.Ordinal);
        var state = reader.GetString(8) switch
        {
            "delivered" => AlertDeliveryState.Delivered,
            "failed" => AlertDeliveryState.Failed,
            _ => AlertDeliveryState.Pending,
        };
        return new AlertDelivery(
            Id: reader.GetInt64(0),
            ProjectId: reader.GetString(1),
            ChannelId: reader.GetString(2),
            Alert: isAlert
                ? new BudgetAlertKey(reader.GetString(4), UnixMilliseconds.ToInstant(reader.GetInt64(5)), BudgetAlertColumns.ParseKind(reader.GetString(6)), reader.GetInt32(7))
                : null,
            State: state,
            Attempts: reader.GetInt32(9),
            NextAttemptAt: UnixMilliseconds.ToInstant(reader.GetInt64(10)),
            CreatedAt: UnixMilliseconds.ToInstant(reader.GetInt64(11)),
            LastAttemptAt: reader.IsDBNull(12) ? null : UnixMilliseconds.ToInstant(reader.GetInt64(12)),
            LastDetail: reader.IsDBNull(13) ? null : reader.GetString(13),
            DeliveredAt: reader.IsDBNull(14) ? null : UnixMilliseconds.ToInstant(reader.GetInt64(14)),
            FindingId: reader.IsDBNull(15) ? null : Guid.Parse(reader.GetString(15)));
    }
}
