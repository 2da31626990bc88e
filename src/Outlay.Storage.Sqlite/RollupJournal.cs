using Microsoft.Data.Sqlite;

namespace Outlay.Storage.Sqlite;

/// <summary>
/// The <c>rollup_journal</c> table: per append, the ids of the new events whose rollup sums are not yet written. Ids
/// are stored as 16 bytes each (<see cref="Guid.TryWriteBytes(Span{byte})"/>), read back to the stored text id.
/// Not thread-safe: used only by the writer, inside its transactions.
/// </summary>
internal sealed class RollupJournal : IDisposable
{
    /// <summary>Bytes per id in <c>event_ids</c>.</summary>
    public const int IdBytes = 16;

    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _state;
    private readonly SqliteCommand _deleteThrough;

    public RollupJournal(SqliteConnection connection)
    {
        _insert = connection.CreateCommand();
        _insert.CommandText = "INSERT INTO rollup_journal (project_id, event_ids) VALUES ($project, $ids) RETURNING seq;";
        _insert.Parameters.Add(new SqliteParameter { ParameterName = "$project" });
        _insert.Parameters.Add(new SqliteParameter { ParameterName = "$ids", SqliteType = SqliteType.Blob });
        _state = connection.CreateCommand();
        _state.CommandText = "SELECT COUNT(*), COALESCE(MIN(seq), 0), COALESCE(MAX(seq), 0), COALESCE(SUM(seq), 0) FROM rollup_journal;";
        _deleteThrough = connection.CreateCommand();
        _deleteThrough.CommandText = "DELETE FROM rollup_journal WHERE seq <= $seq;";
        _deleteThrough.Parameters.Add(new SqliteParameter { ParameterName = "$seq" });
    }

    /// <summary>Records <paramref name="ids"/> (whole <see cref="IdBytes"/>-byte ids) for <paramref name="projectId"/>; returns the row's seq.</summary>
    public long Insert(SqliteTransaction transaction, string projectId, ReadOnlySpan<byte> ids)
    {
        _insert.Transaction = transaction;
        _insert.Parameters[0].Value = projectId;
        _insert.Parameters[1].Value = ids.ToArray();
        return (long)_insert.ExecuteScalar()!;
    }

    /// <summary>The table's rows, summarised.</summary>
    public JournalState State(SqliteTransaction transaction)
    {
        _state.Transaction = transaction;
        using var reader = _state.ExecuteReader();
        reader.Read();
        return new JournalState(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Every row, in seq order: its project and its events' stored ids.</summary>
    public List<(long Seq, string ProjectId, List<string> EventIds)> ReadAll(SqliteTransaction transaction)
    {
        var rows = new List<(long, string, List<string>)>();
        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, project_id, event_ids FROM rollup_journal ORDER BY seq;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var blob = (byte[])reader.GetValue(2);
            var ids = new List<string>(blob.Length / IdBytes);
            for (var offset = 0; offset + IdBytes <= blob.Length; offset += IdBytes)
            {
                ids.Add(new Guid(blob.AsSpan(offset, IdBytes)).ToString("D"));
            }

            rows.Add((reader.GetInt64(0), reader.GetString(1), ids));
        }

        return rows;
    }

    /// <summary>Deletes the rows up to and including <paramref name="seq"/>.</summary>
    public void DeleteThrough(SqliteTransaction transaction, long seq)
    {
        _deleteThrough.Transaction = transaction;
        _deleteThrough.Parameters[0].Value = seq;
        _deleteThrough.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _state.Dispose();
        _deleteThrough.Dispose();
    }
}
