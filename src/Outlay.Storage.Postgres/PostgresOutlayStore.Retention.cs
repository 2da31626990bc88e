using System.Globalization;
using Npgsql;
using Outlay.Core.Storage;

namespace Outlay.Storage.Postgres;

/// <summary>Ages out raw events by dropping whole monthly partitions; rollups keep every hour (see <see cref="IEventRetention"/>).</summary>
public sealed partial class PostgresOutlayStore : IEventRetention
{
    /// <inheritdoc />
    public async Task<long> DeleteEventsBeforeAsync(DateTimeOffset monthStart, CancellationToken cancellationToken = default)
    {
        IEventRetention.ValidateMonthStart(monthStart);
        ObjectDisposedException.ThrowIf(_disposed, this);
        long deleted = 0;
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // The creation lock: no process creates a month while this one drops months.
                await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(" + EventPartitions.AdvisoryLockKey.ToString(CultureInfo.InvariantCulture) + ");", connection, transaction))
                {
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                var expired = new List<string>();
                await using (var list = new NpgsqlCommand(
                    "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'events'::regclass;",
                    connection,
                    transaction))
                {
                    await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        var name = reader.GetString(0);
                        if (EventPartitions.MonthOf(name) is { } month && month < monthStart)
                        {
                            expired.Add(name);
                        }
                    }
                }

                foreach (var name in expired)
                {
                    // The name came from the catalog and matched events_yyyy_mm exactly, so it is safe as an identifier.
                    await using (var count = new NpgsqlCommand("SELECT count(*) FROM " + name + ";", connection, transaction))
                    {
                        deleted += (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                    }

                    await using var drop = new NpgsqlCommand("DROP TABLE " + name + ";", connection, transaction);
                    await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var ids = new NpgsqlCommand("DELETE FROM event_ids WHERE occurred_at < $1;", connection, transaction))
                {
                    ids.Parameters.Add(new NpgsqlParameter { Value = monthStart.UtcDateTime });
                    await ids.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        _partitions.Forget();
        return deleted;
    }
}
