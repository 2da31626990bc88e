using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outlay.Core.Storage;

namespace Outlay.Server.Background;

/// <summary>
/// Makes this process the job runner of its store while it holds the store's <see cref="LockName"/> job lock, so that
/// the passes which must not run on two servers at once (detection, provider usage pulls, budget evaluation) run on one.
/// A standby tries to take the lock every <see cref="PollInterval"/>; the runner checks it still holds it as often and
/// stops its passes when it does not. A runner that dies frees the lock (the engine sees its connection or file handle
/// close), so a standby takes over within one poll interval of that. See <c>Background/README.md</c>.
/// </summary>
internal sealed class JobRunner : BackgroundService
{
    /// <summary>The one job lock every gated worker shares: "background-jobs".</summary>
    public const string LockName = "background-jobs";

    /// <summary>How often a standby tries the lock and the runner re-checks it: 5 s (wall-clock time, not the server's clock).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly IJobLock _locks;
    private readonly ILogger<JobRunner> _logger;
    private readonly ConcurrentDictionary<string, long> _passes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IJobLease? _lease;
    private CancellationTokenSource? _turn;
    private TaskCompletionSource _acquired = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _since;
    private long _acquisitions;
    private bool _standbyLogged;
    private bool _failureLogged;

    public JobRunner(IOutlayStore store, ILogger<JobRunner> logger)
    {
        _locks = store;
        _logger = logger;
    }

    /// <summary>What this process is doing about background jobs, for the status endpoint.</summary>
    public JobRunnerResponse Status()
    {
        lock (_gate)
        {
            return new JobRunnerResponse(
                LockName,
                _lease is not null,
                _since,
                _acquisitions,
                new SortedDictionary<string, long>(_passes, StringComparer.Ordinal),
                Environment.ProcessId);
        }
    }

    /// <summary>
    /// Wraps a worker's pass so it runs only while this process is the runner: the wrapper waits for the lock, runs
    /// <paramref name="run"/> at <paramref name="time"/>'s current instant (the wait may have been long), and cancels the
    /// pass if the lock is lost meanwhile. Every pass is idempotent in the store, so a cancelled one is simply redone.
    /// </summary>
    public Func<DateTimeOffset, CancellationToken, Task> Gate(string job, TimeProvider time, Func<DateTimeOffset, CancellationToken, Task> run) =>
        async (_, stoppingToken) =>
        {
            var turn = await WaitForTurnAsync(stoppingToken).ConfigureAwait(false);
            using var pass = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, turn);
            try
            {
                await run(time.GetUtcNow(), pass.Token).ConfigureAwait(false);
                _passes.AddOrUpdate(job, 1, (_, count) => count + 1);
            }
            catch (OperationCanceledException) when (turn.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                ServerLog.JobRunnerPassAbandoned(_logger, job);
            }
        };

    /// <summary>Completes when this process is the runner, with a token cancelled when it stops being it.</summary>
    public async Task<CancellationToken> WaitForTurnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task acquired;
            lock (_gate)
            {
                if (_turn is { } turn)
                {
                    return turn.Token;
                }

                acquired = _acquired.Task;
            }

            await acquired.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await StepAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            // Registered before the workers, so stopped after them: releasing now lets a standby take over at once.
            if (await DropAsync().ConfigureAwait(false))
            {
                ServerLog.JobRunnerReleased(_logger, LockName);
            }
        }
    }

    private async Task StepAsync(CancellationToken ct)
    {
        IJobLease? lease;
        lock (_gate)
        {
            lease = _lease;
        }

        if (lease is not null)
        {
            bool held;
            try
            {
                held = await lease.CheckAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                held = false;
            }

            if (!held)
            {
                await DropAsync().ConfigureAwait(false);
                ServerLog.JobRunnerLost(_logger, LockName);
            }

            return;
        }

        try
        {
            lease = await _locks.TryAcquireJobLockAsync(LockName, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Once per outage (a store that is down fails every poll), again after an attempt that got an answer.
            if (!_failureLogged)
            {
                _failureLogged = true;
                ServerLog.JobRunnerAcquireFailed(_logger, LockName, e.GetType().Name);
            }

            return;
        }

        _failureLogged = false;

        if (lease is null)
        {
            if (!_standbyLogged)
            {
                _standbyLogged = true;
                ServerLog.JobRunnerStandby(_logger, LockName, PollInterval);
            }

            return;
        }

        lock (_gate)
        {
            _lease = lease;
            _turn = new CancellationTokenSource();
            _since = DateTimeOffset.UtcNow;
            _acquisitions++;
            _acquired.TrySetResult();
        }

        _standbyLogged = false;
        ServerLog.JobRunnerAcquired(_logger, LockName, Environment.ProcessId);
    }

    /// <summary>Stops being the runner: cancels running passes, then releases the lease. False when it was not the runner.</summary>
    private async Task<bool> DropAsync()
    {
        IJobLease? lease;
        CancellationTokenSource? turn;
        lock (_gate)
        {
            lease = _lease;
            turn = _turn;
            _lease = null;
            _turn = null;
            _since = null;
            if (_acquired.Task.IsCompleted)
            {
                _acquired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        if (lease is null)
        {
            return false;
        }

        await turn!.CancelAsync().ConfigureAwait(false);
        turn.Dispose();
        await lease.DisposeAsync().ConfigureAwait(false);
        return true;
    }
}
