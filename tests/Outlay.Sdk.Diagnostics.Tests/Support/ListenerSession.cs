using System.Text.Json;

namespace Outlay.Sdk.Diagnostics.Tests.Support;

/// <summary>A recorder, a client pointed at it and a listener sending with that client.</summary>
internal sealed class ListenerSession : IAsyncDisposable
{
    private ListenerSession(EventRecorder recorder, OutlayClient outlay, OutlayActivityListener listener)
    {
        Recorder = recorder;
        Outlay = outlay;
        Listener = listener;
    }

    public EventRecorder Recorder { get; }

    public OutlayClient Outlay { get; }

    public OutlayActivityListener Listener { get; }

    public static ListenerSession Start(Action<OutlayActivityListenerOptions>? configure = null)
    {
        var recorder = EventRecorder.Start();
        var outlay = recorder.CreateClient();
        return new ListenerSession(recorder, outlay, OutlayActivityListener.Start(outlay, configure));
    }

    /// <summary>Stops listening (recording what still waits), delivers everything and returns what the recorder received.</summary>
    public async Task<IReadOnlyList<JsonElement>> StopAndCollectAsync()
    {
        Listener.Dispose();
        Assert.True(await Outlay.FlushAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "the client did not deliver in time");
        return Recorder.Events;
    }

    /// <summary>Waits until the recorder has received <paramref name="count"/> events, while the listener keeps running.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForEventsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Recorder.Events.Count < count && DateTime.UtcNow < deadline)
        {
            await Outlay.FlushAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        return Recorder.Events;
    }

    public async ValueTask DisposeAsync()
    {
        Listener.Dispose();
        await Outlay.DisposeAsync();
        await Recorder.DisposeAsync();
    }
}
