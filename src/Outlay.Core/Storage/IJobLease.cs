namespace Outlay.Core.Storage;

/// <summary>
/// A held job lock (<see cref="IJobLock.TryAcquireJobLockAsync"/>). The lock can be lost without the holder's consent
/// (a PostgreSQL connection dropped, a lock file deleted); <see cref="CheckAsync"/> finds out. Disposing releases it.
/// </summary>
public interface IJobLease : IAsyncDisposable
{
    /// <summary>The job name the lock was taken for.</summary>
    string Name { get; }

    /// <summary>False once a check found the lock lost, or once the lease is disposed; never true again after that.</summary>
    bool IsHeld { get; }

    /// <summary>
    /// Verifies that the lock is still this lease's (a round trip to the server for PostgreSQL). Returns false, and
    /// <see cref="IsHeld"/> becomes false for good, when it is not; a lost lease is not reacquired by itself. Never
    /// throws for a broken connection: that is a lost lock.
    /// </summary>
    Task<bool> CheckAsync(CancellationToken cancellationToken = default);
}
