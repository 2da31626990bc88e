using Outlay.Sdk.Budgets;
using Outlay.Sdk.Internal;

namespace Outlay.Sdk;

/// <summary>
/// Reports AI usage metadata to an Outlay server. <see cref="Track"/> puts an event into a bounded in-memory
/// queue and returns at once; one background loop sends batches with retries. The client never throws into
/// the host and never blocks it: when it cannot keep up it drops events and counts them.
/// </summary>
/// <remarks>Create one client per process and share it; it is thread-safe. Dispose it to flush on shutdown.</remarks>
public sealed class OutlayClient : IDisposable, IAsyncDisposable
{
    private readonly EventQueue _queue;
    private readonly DropLedger _drops = new();
    private readonly DeliveryLoop _loop;
    private readonly BudgetRefreshLoop _budgetLoop;
    private readonly EventTransport _transport;
    private readonly TimeProvider _time;
    private readonly TimeSpan _shutdownTimeout;
    private long _droppedInvalid;
    private volatile bool _disposed;
    private int _disposeStarted;

    /// <summary>Creates a client and starts its background loop.</summary>
    /// <param name="options">The settings; read once here, so later changes to the object have no effect.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public OutlayClient(OutlayClientOptions options)
        : this(options, TimeProvider.System)
    {
    }

    /// <summary>Test seam: the real HTTP path (through <see cref="OutlayClientOptions.HttpMessageHandler"/>) with a fake clock.</summary>
    internal OutlayClient(OutlayClientOptions options, TimeProvider timeProvider)
        : this(options, timeProvider, SdkHttpClient.Create(options ?? throw new ArgumentNullException(nameof(options))))
    {
    }

    /// <summary>Test seam: a fake transport and clock; budget status requests get an HTTP client of their own.</summary>
    internal OutlayClient(OutlayClientOptions options, EventTransport transport, TimeProvider timeProvider)
        : this(options, transport, timeProvider, sharedHttp: null)
    {
    }

    // Events and budget status share one HTTP client (one connection pool); the transport owns and disposes it.
    private OutlayClient(OutlayClientOptions options, TimeProvider timeProvider, HttpClient http)
        : this(options, new HttpEventTransport(options, http), timeProvider, http)
    {
    }

    private OutlayClient(OutlayClientOptions options, EventTransport transport, TimeProvider timeProvider, HttpClient? sharedHttp)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _transport = transport;
        _time = timeProvider;
        _shutdownTimeout = options.ShutdownTimeout;
        _queue = new EventQueue(options.MaxQueueSize);
        _loop = new DeliveryLoop(options, _queue, _drops, transport, timeProvider);
        _budgetLoop = new BudgetRefreshLoop(options, new BudgetStatusRequester(options, sharedHttp, timeProvider), timeProvider);
        Budgets = new OutlayBudgets(options, _budgetLoop, timeProvider);
        _loop.Start();
    }

    /// <summary>
    /// The project's budgets, answered from a local cache the client refreshes in the background; nothing here waits
    /// for the network. The refresh starts on first use, so an application that never asks makes no request.
    /// Fail-open by default (see <see cref="OutlayBudgets"/>).
    /// </summary>
    public OutlayBudgets Budgets { get; }

    /// <summary>The queue, for the benchmark, which drains it itself to measure enqueue alone.</summary>
    internal EventQueue Queue => _queue;

    /// <summary>
    /// Queues an event for sending. Never blocks and never throws. Assigns a UUIDv7 <see cref="UsageEvent.Id"/>
    /// and the current <see cref="UsageEvent.Timestamp"/> when they are unset. The client keeps the reference:
    /// do not change the event afterwards.
    /// </summary>
    /// <param name="usageEvent">The event; it needs a <see cref="UsageEvent.Provider"/> and a <see cref="UsageEvent.Model"/>.</param>
    /// <returns><see langword="false"/> when the event was dropped: the queue was full, the client is disposed, or the event was null or lacked provider or model.</returns>
    public bool Track(UsageEvent usageEvent)
    {
        try
        {
            if (usageEvent is null || string.IsNullOrEmpty(usageEvent.Provider) || string.IsNullOrEmpty(usageEvent.Model))
            {
                Interlocked.Increment(ref _droppedInvalid);
                return false;
            }

            if (_disposed)
            {
                return false;
            }

            if (usageEvent.Id == Guid.Empty || usageEvent.Timestamp == default)
            {
                var now = _time.GetUtcNow();
                if (usageEvent.Timestamp == default)
                {
                    usageEvent.Timestamp = now;
                }

                if (usageEvent.Id == Guid.Empty)
                {
                    usageEvent.Id = UuidV7.Create(now.ToUnixTimeMilliseconds());
                }
            }

            return Enqueue(usageEvent);
        }
#pragma warning disable CA1031 // Track promises never to throw into the host; the failure is counted.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _droppedInvalid);
            OutlaySdkEventSource.Log.Failure(exception);
            return false;
        }
    }

    /// <summary>The enqueue step of <see cref="Track"/>, after its checks; a test seam for a Track racing Dispose.</summary>
    internal bool Enqueue(UsageEvent usageEvent)
    {
        if (!_queue.TryEnqueue(usageEvent, out var depth))
        {
            _drops.AddQueueFull();
            OutlaySdkEventSource.Log.QueueFull();
            return false;
        }

        _loop.OnEnqueued(depth);
        if (_disposed)
        {
            // Dispose began after this call checked: the loop may have drained for the last time already.
            _loop.AbandonLate();
        }

        return true;
    }

    /// <summary>
    /// Sends everything queued before the call without waiting for the flush interval, and waits until it is
    /// delivered or refused by the server, or until <paramref name="timeout"/> passes. Never throws.
    /// </summary>
    /// <param name="timeout">How long to wait. Negative values other than <see cref="Timeout.InfiniteTimeSpan"/> count as zero.</param>
    /// <param name="cancellationToken">Stops waiting (the events stay queued); the result is then <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when every event queued before the call was delivered, refused by the server or given up on after retries, in time.</returns>
    public Task<bool> FlushAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            timeout = TimeSpan.Zero;
        }

        return _loop.FlushAsync(timeout, cancellationToken);
    }

    /// <summary>Returns a snapshot of the client's counters. Cheap; safe from any thread.</summary>
    public OutlayClientStatistics GetStatistics()
    {
        var drops = _drops.Totals;
        var enqueued = _queue.EnqueuedCount;
        return new OutlayClientStatistics(
            Enqueued: enqueued,
            Delivered: _loop.Delivered,
            DroppedQueueFull: drops.QueueFull,
            DroppedRejected: drops.RejectedByServer,
            DroppedSendFailed: drops.SendFailed,
            Pending: enqueued - _loop.Completed,
            DroppedInvalid: Interlocked.Read(ref _droppedInvalid));
    }

    /// <summary>
    /// Stops accepting events, sends what is queued within <see cref="OutlayClientOptions.ShutdownTimeout"/>,
    /// then stops the background loop. Blocks the calling thread for at most about that long.
    /// </summary>
    public void Dispose()
    {
        // The loop runs on the thread pool with ConfigureAwait(false), so waiting here cannot deadlock.
        var dispose = DisposeAsync().AsTask();
        dispose.Wait(_shutdownTimeout + TimeSpan.FromSeconds(2));
    }

    /// <summary>
    /// Stops accepting events, sends what is queued within <see cref="OutlayClientOptions.ShutdownTimeout"/>,
    /// then stops the background loop. Events still queued are counted as send-failed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) != 0)
        {
            return;
        }

        _disposed = true;
        await _budgetLoop.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        await _loop.FlushAsync(_shutdownTimeout, CancellationToken.None).ConfigureAwait(false);
        await _loop.StopAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        _transport.Dispose();
    }
}
