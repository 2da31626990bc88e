namespace Outlay.Sdk.Internal;

/// <summary>
/// The one background loop: drains the queue into batches (when a batch is full, the flush interval has
/// passed, a flush is asked for, or for the very first event), sends them, retries what may be retried,
/// and counts every event as delivered, rejected or given up.
/// </summary>
internal sealed class DeliveryLoop
{
    private readonly EventQueue _queue;
    private readonly DropLedger _drops;
    private readonly EventTransport _transport;
    private readonly TimeProvider _time;
    private readonly BatchBodyWriter _bodyWriter;
    private readonly RetryBackoff _backoff;
    private readonly WakeSignal _wake = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly int _maxBatchSize;
    private readonly TimeSpan _flushInterval;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeSpan _maxRetryDuration;
    private readonly bool _gzip;

    // Guarded by its own lock: FlushAsync callers waiting for a queue position to be completed.
    private readonly List<(long Target, TaskCompletionSource<bool> Source)> _flushWaiters = [];

    // Written by the loop, read by anyone.
    private long _delivered;
    private long _completed;
    private volatile bool _eager = true;

    // Raised by FlushAsync callers: send without waiting for the interval until this position is dequeued.
    private long _flushTarget;

    private Task _run = Task.CompletedTask;

    // Guards draining once the loop has stopped: its own last drain, then late Track calls (see AbandonLate).
    private readonly object _abandonGate = new();
    private bool _stopped;

    public DeliveryLoop(OutlayClientOptions options, EventQueue queue, DropLedger drops, EventTransport transport, TimeProvider time)
    {
        _queue = queue;
        _drops = drops;
        _transport = transport;
        _time = time;
        _maxBatchSize = options.MaxBatchSize;
        _flushInterval = options.FlushInterval;
        _requestTimeout = options.RequestTimeout;
        _maxRetryDuration = options.MaxRetryDuration;
        _gzip = options.CompressRequests;
        _bodyWriter = new BatchBodyWriter(options.Service, options.Environment, options.Instance);
        var maxDelay = options.MaxRetryDelay;
        _backoff = new RetryBackoff(options.MinRetryDelay < maxDelay ? options.MinRetryDelay : maxDelay, maxDelay);
    }

    public long Delivered => Volatile.Read(ref _delivered);

    public long Completed => Volatile.Read(ref _completed);

    public void Start()
    {
        // The loop must not capture the caller's ambient context (AsyncLocals, the current Activity).
        if (ExecutionContext.IsFlowSuppressed())
        {
            _run = Task.Run(RunAsync);
            return;
        }

        using (ExecutionContext.SuppressFlow())
        {
            _run = Task.Run(RunAsync);
        }
    }

    /// <summary>Called by Track after each enqueue: wakes the loop for a full batch or the first event.</summary>
    public void OnEnqueued(long depth)
    {
        if (depth >= _maxBatchSize || _eager)
        {
            _wake.Set();
        }
    }

    public async Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = _queue.EnqueuedCount;
        if (Completed >= target)
        {
            return true;
        }

        if (_run.IsCompleted)
        {
            return false;
        }

        var source = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (target, source);
        lock (_flushWaiters)
        {
            if (Completed >= target)
            {
                return true;
            }

            _flushWaiters.Add(waiter);
        }

        RaiseFlushTarget(target);
        _wake.Set();
        try
        {
            return await source.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        finally
        {
            lock (_flushWaiters)
            {
                _flushWaiters.Remove(waiter);
            }
        }
    }

    /// <summary>Stops the loop; what is still queued is counted as send-failed. Waits at most <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _run.WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A transport ignoring cancellation: leave it; the loop ends when it returns.
        }
    }

    private async Task RunAsync()
    {
        var batch = new UsageEvent[_maxBatchSize];
        var lastSend = _time.GetTimestamp();
        var stop = _stop.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (!ShouldSend(lastSend))
                {
                    await WaitForWorkAsync(lastSend, stop).ConfigureAwait(false);
                    continue;
                }

                var count = _queue.DrainTo(batch);
                if (count == 0 && _drops.Unreported().IsEmpty)
                {
                    // A producer has claimed a slot but not yet published it; it will in a moment.
                    await Task.Delay(1, stop).ConfigureAwait(false);
                    continue;
                }

                lastSend = _time.GetTimestamp();
                try
                {
                    await DeliverAsync(batch, 0, count, stop).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // The loop must survive anything; the batch is counted, never lost silently.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    OutlaySdkEventSource.Log.Failure(exception);
                    GiveUp(count, 0);
                }

                Array.Clear(batch, 0, count);
                if (count > 0)
                {
                    _eager = false;
                    Complete(count);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            AbandonRemaining(batch);
        }
    }

    private bool ShouldSend(long lastSend)
    {
        var dequeued = _queue.DequeuedCount;
        var depth = _queue.EnqueuedCount - dequeued;
        if (depth >= _maxBatchSize || (depth > 0 && (_eager || Volatile.Read(ref _flushTarget) > dequeued)))
        {
            return true;
        }

        return _time.GetElapsedTime(lastSend) >= _flushInterval && (depth > 0 || !_drops.Unreported().IsEmpty);
    }

    private async Task WaitForWorkAsync(long lastSend, CancellationToken stop)
    {
        var wake = _wake.Arm();
        try
        {
            // Re-check after arming, or an enqueue between the check and the arm would be missed.
            if (ShouldSend(lastSend))
            {
                return;
            }

            var wait = _flushInterval - _time.GetElapsedTime(lastSend);
            if (wait <= TimeSpan.Zero)
            {
                wait = _flushInterval; // idle: nothing to send until something is tracked
            }

            // WhenAny rather than WaitAsync(timeout): an idle client should not throw an exception per interval.
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(stop);
            await Task.WhenAny(wake, Task.Delay(wait, _time, timer.Token)).ConfigureAwait(false);
            await timer.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            _wake.Disarm();
        }
    }

    private async Task DeliverAsync(UsageEvent[] batch, int offset, int count, CancellationToken stop)
    {
        var dropped = _drops.Unreported();
        var body = _bodyWriter.Write(batch, offset, count, dropped, _gzip);
        var started = _time.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var response = await SendOnceAsync(body, stop).ConfigureAwait(false);
            var status = response.StatusCode;
            if (status is >= 200 and < 300)
            {
                var rejected = Math.Min(count, IngestResponseReader.CountRejected(response.Body.Span));
                Interlocked.Add(ref _delivered, count - rejected);
                _drops.Acknowledge(dropped);
                if (rejected > 0)
                {
                    _drops.AddRejected(rejected);
                    OutlaySdkEventSource.Log.BatchDropped("rejected", rejected, status);
                }

                return;
            }

            if (status == 413 && count > 1)
            {
                // Too large: the halves may pass. Each builds its own body.
                var half = count / 2;
                await DeliverAsync(batch, offset, half, stop).ConfigureAwait(false);
                await DeliverAsync(batch, offset + half, count - half, stop).ConfigureAwait(false);
                return;
            }

            if (IsRefusal(status))
            {
                // 400/413 bad payload, 401/403 credentials: sending the same bytes again cannot help.
                _drops.AddRejected(count);
                OutlaySdkEventSource.Log.BatchDropped("rejected", count, status);
                return;
            }

            var remaining = _maxRetryDuration - _time.GetElapsedTime(started);
            if (stop.IsCancellationRequested || remaining <= TimeSpan.Zero)
            {
                GiveUp(count, status);
                return;
            }

            TimeSpan? retryAfter = RetryAfterHeader.TryParse(response.RetryAfter, _time.GetUtcNow(), out var asked) ? asked : null;
            var delay = _backoff.Delay(attempt, retryAfter);
            if (delay > remaining)
            {
                delay = remaining;
            }

            OutlaySdkEventSource.Log.RetryScheduled(status, attempt + 1, delay);
            try
            {
                await Task.Delay(delay, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                GiveUp(count, status);
                return;
            }
        }
    }

    private async Task<TransportResponse> SendOnceAsync(ReadOnlyMemory<byte> body, CancellationToken stop)
    {
        using var request = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Task<TransportResponse>? send = null;
        try
        {
            send = _transport.SendAsync(body, _gzip, request.Token);
            return await send.WaitAsync(_requestTimeout, _time, stop).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await request.CancelAsync().ConfigureAwait(false);
            ObserveLateFailure(send);
            return TransportResponse.NoResponse;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            ObserveLateFailure(send);
            return TransportResponse.NoResponse;
        }
#pragma warning disable CA1031 // Any transport failure is a network error: retried, never thrown into the host.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            OutlaySdkEventSource.Log.Failure(exception);
            return TransportResponse.NoResponse;
        }
    }

    private static void ObserveLateFailure(Task? send) =>
        send?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static bool IsRefusal(int status) => status is >= 400 and < 500 and not 408 and not 429;

    private void GiveUp(int count, int status)
    {
        if (count == 0)
        {
            return;
        }

        _drops.AddSendFailed(count);
        OutlaySdkEventSource.Log.BatchDropped("send_failed", count, status);
    }

    private void Complete(int count)
    {
        var completed = Volatile.Read(ref _completed) + count;
        Volatile.Write(ref _completed, completed);
        lock (_flushWaiters)
        {
            foreach (var (target, source) in _flushWaiters)
            {
                if (target <= completed)
                {
                    source.TrySetResult(true);
                }
            }
        }
    }

    private void RaiseFlushTarget(long target)
    {
        var current = Volatile.Read(ref _flushTarget);
        while (current < target)
        {
            var seen = Interlocked.CompareExchange(ref _flushTarget, target, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void AbandonRemaining(UsageEvent[] batch)
    {
        // Waiters first: abandoned events were not delivered, so no flush may report success for them.
        lock (_flushWaiters)
        {
            foreach (var (_, source) in _flushWaiters)
            {
                source.TrySetResult(false);
            }
        }

        lock (_abandonGate)
        {
            DrainAsGivenUp(batch);
            _stopped = true;
        }
    }

    /// <summary>
    /// Called by a Track that enqueued after Dispose began: when the loop has already made its last drain, the event
    /// would stay queued forever, neither sent nor counted; it is counted as send-failed instead.
    /// </summary>
    public void AbandonLate()
    {
        lock (_abandonGate)
        {
            if (_stopped)
            {
                DrainAsGivenUp(new UsageEvent[Math.Min(_maxBatchSize, 64)]);
            }
        }
    }

    private void DrainAsGivenUp(UsageEvent[] batch)
    {
        int count;
        while ((count = _queue.DrainTo(batch)) > 0)
        {
            Array.Clear(batch, 0, count);
            GiveUp(count, 0);
            Volatile.Write(ref _completed, Volatile.Read(ref _completed) + count);
        }
    }
}
