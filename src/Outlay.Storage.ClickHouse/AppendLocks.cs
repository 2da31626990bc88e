using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// The append lock of a ClickHouse database. In this process: one gate per database (keyed by server and database),
/// shared by every store instance. Across processes: a job lock named after the database in the control store
/// (<see cref="IJobLock"/>: a PostgreSQL session advisory lock or a SQLite lock file), taken after the gate, so that
/// the id check and the insert that follows it never interleave with another append of the same database anywhere,
/// or both could see an id as new and store it twice.
/// </summary>
internal static class AppendLocks
{
    /// <summary>Longest pause between two attempts at the cross-process lock.</summary>
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMilliseconds(20);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    /// <summary>
    /// Tests only: a value here makes this flow's in-process gate a different one (as in another process), so that
    /// only the cross-process lock stands between two appenders. Null (the default) in production.
    /// </summary>
    internal static readonly AsyncLocal<string?> SeparateProcessForTests = new();

    /// <summary>The in-process gate alone (schema migrations take it; appends, re-pricing and retention take both locks).</summary>
    public static SemaphoreSlim For(ClickHouseStoreOptions options) =>
        Locks.GetOrAdd(options.Server.GetLeftPart(UriPartial.Authority) + "/" + options.Database + "/" + SeparateProcessForTests.Value, _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// The job lock name of <paramref name="database"/>: keyed by the database name only, so processes that reach one
    /// database through different addresses (another entry node of the cluster, localhost or 127.0.0.1) share it.
    /// </summary>
    public static string JobName(string database) =>
        "clickhouse-append-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database)).AsSpan(0, 8));

    /// <summary>
    /// Takes the in-process gate, then the cross-process lock through <paramref name="jobs"/>, retrying with a short
    /// back-off (1 ms doubling to 20 ms) for at most the request timeout. Dispose the result to release both.
    /// </summary>
    /// <exception cref="ClickHouseException">Another process held the lock for longer than the request timeout.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while waiting.</exception>
    public static async Task<AppendLockHold> AcquireAsync(ClickHouseStoreOptions options, IJobLock jobs, CancellationToken cancellationToken)
    {
        var gate = For(options);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await AcquireJobLockAsync(gate, options, jobs, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The second half of <see cref="AcquireAsync"/>, for a caller that already holds <paramref name="gate"/> (the
    /// appender's group commit looks whether its batch was written meanwhile before it contends across processes).
    /// Releases the gate if it throws.
    /// </summary>
    public static async Task<AppendLockHold> AcquireJobLockAsync(SemaphoreSlim gate, ClickHouseStoreOptions options, IJobLock jobs, CancellationToken cancellationToken)
    {
        try
        {
            var name = JobName(options.Database);
            var deadline = DateTime.UtcNow + options.RequestTimeout;
            var pause = TimeSpan.FromMilliseconds(1);
            while (true)
            {
                var lease = await jobs.TryAcquireJobLockAsync(name, cancellationToken).ConfigureAwait(false);
                if (lease is not null)
                {
                    return new AppendLockHold(gate, lease);
                }

                if (DateTime.UtcNow >= deadline)
                {
                    throw new ClickHouseException(
                        $"Another process held the append lock of this ClickHouse database for more than {options.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; nothing was stored.", null);
                }

                await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
                pause = pause * 2 < MaxBackOff ? pause * 2 : MaxBackOff;
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }
}
