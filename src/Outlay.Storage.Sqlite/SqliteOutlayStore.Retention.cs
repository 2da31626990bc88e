using Microsoft.Data.Sqlite;
using Outlay.Core.Storage;

namespace Outlay.Storage.Sqlite;

/// <summary>Ages out raw events; rollups keep every hour (see <see cref="IEventRetention"/>).</summary>
public sealed partial class SqliteOutlayStore : IEventRetention
{
    // Each chunk is its own short write transaction, so ingest waits for at most one chunk, not the whole sweep.
    private const int RetentionChunk = 20_000;

    /// <inheritdoc />
    public async Task<long> DeleteEventsBeforeAsync(DateTimeOffset monthStart, CancellationToken cancellationToken = default)
    {
        IEventRetention.ValidateMonthStart(monthStart);
        var cutoff = monthStart.ToUnixTimeMilliseconds();
        long deleted = 0;
        while (true)
        {
            var chunk = await WriteAsync(() => DeleteChunk(_writer, cutoff), cancellationToken).ConfigureAwait(false);
            deleted += chunk;
            if (chunk < RetentionChunk)
            {
                return deleted;
            }
        }
    }

    private static int DeleteChunk(SqliteConnection writer, long cutoffMs)
    {
        using var transaction = writer.BeginTransaction();
        using var command = writer.CreateCommand();
        command.Transaction = transaction;
        // By key, not rowid, so this holds whatever the events table's layout (rowid or WITHOUT ROWID).
        command.CommandText = """
            DELETE FROM events WHERE (project_id, id) IN (
                SELECT project_id, id FROM events WHERE ts_ms < $cutoff LIMIT $chunk);
            """;
        command.Parameters.AddWithValue("$cutoff", cutoffMs);
        command.Parameters.AddWithValue("$chunk", RetentionChunk);
        var deleted = command.ExecuteNonQuery();
        transaction.Commit();
        return deleted;
    }
}
