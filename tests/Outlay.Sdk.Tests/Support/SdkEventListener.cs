using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Outlay.Sdk.Tests.Support;

/// <summary>Collects everything the <c>Outlay-Sdk</c> event source writes (process-wide: other tests' events show up too).</summary>
internal sealed class SdkEventListener : EventListener
{
    public ConcurrentQueue<(string? EventName, object?[] Payload)> Events { get; } = new();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Outlay-Sdk")
        {
            EnableEvents(eventSource, EventLevel.Verbose);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData) =>
        Events.Enqueue((eventData.EventName, eventData.Payload?.ToArray() ?? []));
}
