namespace Outlay.Core.Storage;

/// <summary>
/// Named, exclusive locks shared by every process on one store, so that background work which must not run twice at
/// once (detection passes, provider usage pulls, budget evaluation) runs on one server at a time. A holder that dies
/// loses its lock without running any code: the engine frees it when the process or its connection goes away.
/// </summary>
public interface IJobLock
{
    /// <summary>
    /// Tries once, without waiting, to take the lock <paramref name="name"/>. Returns the held lease, or null when
    /// another holder (another process, or another lease in this process) has it. Dispose the lease to release it.
    /// </summary>
    /// <param name="name">The job's name: 1–64 characters of <c>a-z</c>, <c>0-9</c> and <c>-</c> (see <see cref="JobLockName"/>).</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid job name.</exception>
    Task<IJobLease?> TryAcquireJobLockAsync(string name, CancellationToken cancellationToken = default);
}
