using System.Runtime.CompilerServices;
using System.Text.Json;
using Anthropic.Models.Messages;
using Outlay.Testing;

namespace Outlay.Sdk.Anthropic.Tests.Support;

/// <summary>The recorded Anthropic bodies of ../shared, as the SDK's own types.</summary>
internal static class RecordedAnthropic
{
    public const string MessagePath = "fixtures/anthropic/messages_cache-write_claude-3-5-sonnet.json";
    public const string StreamPath = "fixtures/anthropic/messages_stream_cache-write.sse.txt";

    /// <summary>Text the recorded bodies contain in their content; it must never reach Outlay.</summary>
    public const string ContentCanary = "OpenLLMetry";

    public static Message ToMessage(string json) =>
        JsonSerializer.Deserialize<Message>(json) ?? throw new InvalidOperationException("The body is not a message.");

    /// <summary>
    /// The <c>data:</c> payloads of an SSE text as SDK stream events. A <c>ping</c> has no typed variant in the SDK
    /// (its <c>Value</c> is null) and is left out.
    /// </summary>
    public static IReadOnlyList<RawMessageStreamEvent> ToStreamEvents(string sse)
    {
        var events = new List<RawMessageStreamEvent>();
        foreach (var line in sse.Split('\n'))
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var streamEvent = JsonSerializer.Deserialize<RawMessageStreamEvent>(line["data:".Length..].Trim())!;
            if (streamEvent.Value is not null)
            {
                events.Add(streamEvent);
            }
        }

        return events;
    }

    /// <summary>Yields the events asynchronously, as the SDK's stream does; throws <paramref name="failure"/> after them when given.
    /// The token given to <c>WithCancellation</c> / <c>GetAsyncEnumerator</c> is honoured between events.</summary>
    public static IAsyncEnumerable<RawMessageStreamEvent> Replay(IReadOnlyList<RawMessageStreamEvent> events, Exception? failure = null) =>
        ReplayAsync(events, failure);

    private static async IAsyncEnumerable<RawMessageStreamEvent> ReplayAsync(
        IReadOnlyList<RawMessageStreamEvent> events,
        Exception? failure,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var streamEvent in events)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return streamEvent;
        }

        if (failure is not null)
        {
            throw failure;
        }
    }
}
