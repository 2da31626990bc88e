using Microsoft.Data.Sqlite;

namespace Outlay.Server.IntegrationTests.Reliability;

/// <summary>
/// What a SQLite store file holds, counted with plain SQL beside the server: the raw events by id, and the sums of the
/// hourly rollups the spend API reads (with the events whose sums the server still holds), so a test can hold one
/// against the other.
/// </summary>
internal sealed record StoreRecount(
    IReadOnlyDictionary<Guid, int> RowsById,
    long EventRows,
    long EventCostNano,
    long EventInputTokens,
    long EventOutputTokens,
    long RollupEvents,
    long RollupCostNano,
    long RollupInputTokens,
    long RollupOutputTokens)
{
    /// <summary>Ids stored more than once (the primary key should make this impossible; the proof checks anyway).</summary>
    public int DuplicateIds => RowsById.Values.Count(rows => rows > 1);

    /// <summary>Reads the store read-only; safe while a server has it open (WAL readers do not block writers).</summary>
    public static StoreRecount Read(string storePath)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = storePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();

        var rowsById = new Dictionary<Guid, int>();
        using (var ids = connection.CreateCommand())
        {
            ids.CommandText = "SELECT id, COUNT(*) FROM events GROUP BY id";
            using var reader = ids.ExecuteReader();
            while (reader.Read())
            {
                rowsById[Guid.Parse(reader.GetString(0))] = reader.GetInt32(1);
            }
        }

        var events = Sums(connection, "SELECT COUNT(*), COALESCE(SUM(cost_nano), 0), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0) FROM events");
        var rollups = Sums(connection, "SELECT COALESCE(SUM(events), 0), COALESCE(SUM(cost_nano), 0), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0) FROM rollups_hourly");

        // The server may hold the sums of its latest appends (the journal names their events): the rollups it answers
        // from are the file's rollups plus those events, which is what a restart after a crash would fold in.
        var held = HeldSums(connection);
        return new StoreRecount(
            rowsById, events[0], events[1], events[2], events[3], rollups[0] + held[0], rollups[1] + held[1], rollups[2] + held[2], rollups[3] + held[3]);
    }

    private static long[] HeldSums(SqliteConnection connection)
    {
        var journaled = new HashSet<string>(StringComparer.Ordinal);
        using (var journal = connection.CreateCommand())
        {
            journal.CommandText = "SELECT event_ids FROM rollup_journal";
            using var reader = journal.ExecuteReader();
            while (reader.Read())
            {
                var blob = (byte[])reader.GetValue(0);
                for (var offset = 0; offset + 16 <= blob.Length; offset += 16)
                {
                    journaled.Add(new Guid(blob.AsSpan(offset, 16)).ToString("D"));
                }
            }
        }

        var held = new long[4];
        if (journaled.Count == 0)
        {
            return held;
        }

        using var events = connection.CreateCommand();
        events.CommandText = "SELECT id, COALESCE(cost_nano, 0), input_tokens, output_tokens FROM events";
        using var rows = events.ExecuteReader();
        while (rows.Read())
        {
            if (journaled.Contains(rows.GetString(0)))
            {
                held[0]++;
                held[1] += rows.GetInt64(1);
                held[2] += rows.GetInt64(2);
                held[3] += rows.GetInt64(3);
            }
        }

        return held;
    }

    private static long[] Sums(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return [reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)];
    }
}
