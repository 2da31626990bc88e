using Outlay.Sdk.Internal;

namespace Outlay.Sdk.Budgets;

/// <summary>
/// Keeps the latest budget status answer. Started lazily by the first use of <see cref="OutlayBudgets"/>; then asks
/// every <see cref="OutlayClientOptions.BudgetRefreshInterval"/> (±10% jitter), backs off after failures (the client's
/// retry delays, honouring <c>Retry-After</c>) and stops for good on 401/403. Readers never wait for it.
/// </summary>
internal sealed class BudgetRefreshLoop
{
    private readonly BudgetStatusRequester _requester;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly RetryBackoff _backoff;
    private readonly Func<double> _nextUnit;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _applyGate = new();

    private BudgetSnapshot? _snapshot;
    private long _requestSequence;
    private long _appliedSequence;
    private int _started;
    private volatile bool _refused;
    private Task _run = Task.CompletedTask;

    public BudgetRefreshLoop(OutlayClientOptions options, BudgetStatusRequester requester, TimeProvider time, Func<double>? nextUnit = null)
    {
        _requester = requester;
        _time = time;
        _interval = options.BudgetRefreshInterval;
        _nextUnit = nextUnit ?? Random.Shared.NextDouble;
        var maxDelay = options.MaxRetryDelay;
        _backoff = new RetryBackoff(options.MinRetryDelay < maxDelay ? options.MinRetryDelay : maxDelay, maxDelay, _nextUnit);
    }

    /// <summary>The latest answer received, or null before the first.</summary>
    public BudgetSnapshot? Snapshot => Volatile.Read(ref _snapshot);

    /// <summary>Whether the server refused the key (401/403), which stopped refreshing.</summary>
    public bool Refused => _refused;

    /// <summary>Whether the loop has been started (a request made or scheduled).</summary>
    public bool Started => Volatile.Read(ref _started) != 0;

    /// <summary>Starts the loop on first use; it asks at once. Cheap after the first call: one volatile read.</summary>
    public void EnsureStarted() => Start(fetchFirst: true);

    /// <summary>Asks now and waits for the answer; starts the loop (which then waits one interval) if it had not started. Never throws.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        Start(fetchFirst: false);
        if (_refused || _stop.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            var outcome = await FetchAndApplyAsync(linked.Token).ConfigureAwait(false);
            return outcome.Kind == BudgetFetchKind.Received;
        }
        catch (ObjectDisposedException)
        {
            // The client was disposed meanwhile.
            return false;
        }
    }

    /// <summary>Stops the loop, waiting at most <paramref name="grace"/> for a request in flight, and releases the requester.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        Interlocked.Exchange(ref _started, 1);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A handler ignoring cancellation: leave it; the loop ends when it returns.
        }

        _requester.Dispose();
    }

    private void Start(bool fetchFirst)
    {
        if (Volatile.Read(ref _started) != 0 || Interlocked.CompareExchange(ref _started, 1, 0) != 0)
        {
            return;
        }

        // The loop must not capture the caller's ambient context (AsyncLocals, the current Activity).
        if (ExecutionContext.IsFlowSuppressed())
        {
            _run = Task.Run(() => RunAsync(fetchFirst));
            return;
        }

        using (ExecutionContext.SuppressFlow())
        {
            _run = Task.Run(() => RunAsync(fetchFirst));
        }
    }

    private async Task RunAsync(bool fetchFirst)
    {
        var attempt = 0;
        var fetch = fetchFirst;
        try
        {
            while (!_stop.IsCancellationRequested && !_refused)
            {
                var wait = Jittered();
                if (fetch)
                {
                    var outcome = await FetchAndApplyAsync(_stop.Token).ConfigureAwait(false);
                    if (_refused || _stop.IsCancellationRequested)
                    {
                        return;
                    }

                    if (outcome.Kind == BudgetFetchKind.Received)
                    {
                        attempt = 0;
                    }
                    else
                    {
                        wait = _backoff.Delay(attempt, RetryAfter(outcome.RetryAfter));
                        attempt = Math.Min(attempt + 1, 30);
                        OutlaySdkEventSource.Log.BudgetRefreshFailed(outcome.Reason, outcome.StatusCode, wait);
                    }
                }

                fetch = true;
                await Task.Delay(wait, _time, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped.
        }
#pragma warning disable CA1031 // The loop must never fault into the host; statuses then simply go stale.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            OutlaySdkEventSource.Log.Failure(exception);
        }
    }

    private async Task<BudgetFetchOutcome> FetchAndApplyAsync(CancellationToken cancellationToken)
    {
        var sequence = Interlocked.Increment(ref _requestSequence);
        var outcome = await _requester.FetchAsync(cancellationToken).ConfigureAwait(false);
        switch (outcome.Kind)
        {
            case BudgetFetchKind.Received:
                lock (_applyGate)
                {
                    // A slower, older request (the loop's and a RefreshAsync racing) must not replace a newer answer.
                    if (sequence > _appliedSequence)
                    {
                        _appliedSequence = sequence;
                        Volatile.Write(ref _snapshot, outcome.Snapshot);
                    }
                }

                break;
            case BudgetFetchKind.Refused:
                if (!_refused)
                {
                    _refused = true;
                    OutlaySdkEventSource.Log.BudgetRefreshStopped(outcome.StatusCode);
                }

                break;
        }

        return outcome;
    }

    private TimeSpan? RetryAfter(string? header) =>
        RetryAfterHeader.TryParse(header, _time.GetUtcNow(), out var delay) ? delay : null;

    private TimeSpan Jittered() => _interval * (0.9 + (0.2 * _nextUnit()));
}
