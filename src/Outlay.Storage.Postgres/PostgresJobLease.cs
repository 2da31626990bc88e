using System.Net.Sockets;
using Npgsql;
using Outlay.Core.Storage;

namespace Outlay.Storage.Postgres;

/// <summary>
/// A session-level <c>pg_try_advisory_lock</c> held on a dedicated, unpooled connection: the lock lives exactly as long as
/// that session, so a holder that dies (SIGKILL, lost host, dropped connection) frees it as soon as the server notices,
/// and closing the connection releases it without depending on an unlock call reaching the server.
/// </summary>
internal sealed class PostgresJobLease : IJobLease
{
    /// <summary>Time limit of the check's round trip: 10 s.</summary>
    private const int CheckTimeoutSeconds = 10;

    // granted session-level advisory lock on a bigint key: classid holds the high 32 bits, objid the low, objsubid 1.
    private const string HeldSql = """
        SELECT count(*) FROM pg_locks
        WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted AND objsubid = 1
          AND ((classid::bigint << 32) | objid::bigint) = $1
        """;

    private readonly NpgsqlConnection _connection;
    private readonly long _key;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _held = true;

    public PostgresJobLease(string name, NpgsqlConnection connection, long key)
    {
        Name = name;
        _connection = connection;
        _key = key;
    }

    public string Name { get; }

    public bool IsHeld => _held;

    public async Task<bool> CheckAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_held)
            {
                return false;
            }

            try
            {
                await using var command = new NpgsqlCommand(HeldSql, _connection) { CommandTimeout = CheckTimeoutSeconds };
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = _key });
                var held = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
                if (!held)
                {
                    await LoseAsync().ConfigureAwait(false);
                }

                return held;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or SocketException or TimeoutException or InvalidOperationException)
            {
                // A broken or closed connection ended the session, and the lock with it.
                await LoseAsync().ConfigureAwait(false);
                return false;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await LoseAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Ends the session (unpooled: closing really disconnects, which releases the lock server-side).</summary>
    private async Task LoseAsync()
    {
        _held = false;
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
