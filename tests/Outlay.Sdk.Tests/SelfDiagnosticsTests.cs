using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Outlay.Sdk.Tests.Support;

namespace Outlay.Sdk.Tests;

public sealed class SelfDiagnosticsTests
{
    [Fact]
    public async Task Drops_are_reported_through_the_Outlay_Sdk_event_source_without_event_contents()
    {
        using var listener = new SdkListener();
        var transport = new FakeTransport((_, _) => Task.FromResult(FakeTransport.Status(400)));
        var options = TestOptions.Create();
        options.IngestKey = "olk_ingest_shouldneverappear";
        await using var client = new OutlayClient(options, transport, TimeProvider.System);
        var usage = TestOptions.Event("model-name-that-must-not-be-logged");
        usage.Tags = new Dictionary<string, string> { ["customer"] = "acme-secret-customer" };

        client.Track(usage);
        Assert.True(await client.FlushAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));

        // The listener is process-wide and other tests run in parallel: look for this client's drop among theirs.
        Assert.Contains(listener.Events, e => e.EventName == "EventsDropped" && e.Payload.SequenceEqual(["rejected", 1, 400]));
        var everything = string.Join('|', listener.Events.SelectMany(e => e.Payload.Select(p => p?.ToString())));
        Assert.DoesNotContain("model-name-that-must-not-be-logged", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("acme-secret-customer", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("olk_ingest_shouldneverappear", everything, StringComparison.Ordinal);
    }

    private sealed class SdkListener : EventListener
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
}
