using System.Diagnostics.Tracing;

namespace Outlay.Sdk.Internal;

/// <summary>
/// Self-diagnostics, off unless a listener enables the <c>Outlay-Sdk</c> source (dotnet-trace,
/// dotnet-counters, an EventListener). Never carries event contents, bodies or keys.
/// </summary>
[EventSource(Name = "Outlay-Sdk")]
internal sealed class OutlaySdkEventSource : EventSource
{
    public static readonly OutlaySdkEventSource Log = new();

    private long _droppedQueueFull;
    private long _droppedOther;
    private PollingCounter? _queueFullCounter;
    private PollingCounter? _otherDropsCounter;

    private OutlaySdkEventSource()
    {
    }

    [NonEvent]
    public void QueueFull()
    {
        Interlocked.Increment(ref _droppedQueueFull);
    }

    [NonEvent]
    public void BatchDropped(string reason, int count, int statusCode)
    {
        Interlocked.Add(ref _droppedOther, count);
        if (IsEnabled(EventLevel.Warning, EventKeywords.None))
        {
            EventsDropped(reason, count, statusCode);
        }
    }

    [NonEvent]
    public void TagLeftOut()
    {
        if (IsEnabled(EventLevel.Warning, EventKeywords.None))
        {
            TagNotSent();
        }
    }

    [NonEvent]
    public void RetryScheduled(int statusCode, int attempt, TimeSpan delay)
    {
        if (IsEnabled(EventLevel.Informational, EventKeywords.None))
        {
            SendRetrying(statusCode, attempt, (long)delay.TotalMilliseconds);
        }
    }

    [NonEvent]
    public void Failure(Exception exception)
    {
        if (IsEnabled(EventLevel.Error, EventKeywords.None))
        {
            // The type only: messages can quote request data.
            InternalError(exception.GetType().FullName ?? "unknown");
        }
    }

    [NonEvent]
    public void BudgetRefreshFailed(string reason, int statusCode, TimeSpan retryIn)
    {
        if (IsEnabled(EventLevel.Informational, EventKeywords.None))
        {
            BudgetStatusRefreshFailed(reason, statusCode, (int)Math.Min(int.MaxValue, retryIn.TotalMilliseconds));
        }
    }

    [NonEvent]
    public void BudgetRefreshStopped(int statusCode)
    {
        if (IsEnabled(EventLevel.Warning, EventKeywords.None))
        {
            BudgetStatusRefreshStopped(statusCode);
        }
    }

    [Event(1, Level = EventLevel.Warning, Message = "Dropped {1} events ({0}, HTTP status {2}).")]
    private void EventsDropped(string reason, int count, int statusCode) => WriteEvent(1, reason, count, statusCode);

    [Event(2, Level = EventLevel.Informational, Message = "Send failed with HTTP status {0}; retry {1} in {2} ms.")]
    private void SendRetrying(int statusCode, int attempt, long delayMilliseconds) => WriteEvent(2, statusCode, attempt, delayMilliseconds);

    [Event(3, Level = EventLevel.Error, Message = "Internal error {0}; the client keeps running.")]
    private void InternalError(string exceptionType) => WriteEvent(3, exceptionType);

    protected override void OnEventCommand(EventCommandEventArgs command)
    {
        if (command.Command == EventCommand.Enable)
        {
            _queueFullCounter ??= new PollingCounter("dropped-queue-full", this, () => Volatile.Read(ref _droppedQueueFull))
            {
                DisplayName = "Events dropped because the queue was full",
            };
            _otherDropsCounter ??= new PollingCounter("dropped-rejected-or-failed", this, () => Volatile.Read(ref _droppedOther))
            {
                DisplayName = "Events rejected by the server or given up after retries",
            };
        }
    }

    [Event(4, Level = EventLevel.Warning, Message = "A tag the server would refuse (bad key, value over 128 characters, or more than 24 tags) was left out of an event.")]
    private void TagNotSent() => WriteEvent(4);

    [Event(5, Level = EventLevel.Informational, Message = "Budget status refresh failed ({0}, HTTP status {1}); retry in {2} ms. Cached statuses are kept until they go stale.")]
    private void BudgetStatusRefreshFailed(string reason, int statusCode, int retryMilliseconds) => WriteEvent(5, reason, statusCode, retryMilliseconds);

    [Event(6, Level = EventLevel.Warning, Message = "Budget status refresh stopped: the server refused the key with HTTP status {0}. Budgets count as unknown (fail-open unless listed in FailClosedBudgets).")]
    private void BudgetStatusRefreshStopped(int statusCode) => WriteEvent(6, statusCode);
}
