using System.Runtime.CompilerServices;
using Anthropic.Models.Messages;
using Outlay.Core.Providers;

namespace Outlay.Sdk.Anthropic;

/// <summary>
/// Records the usage of official Anthropic .NET SDK results on an <see cref="OutlayClient"/>. Only the id, model,
/// usage and service tier are read, through Outlay's core Anthropic adapter (input reported includes cache reads and
/// writes; cache writes split into 5-minute and 1-hour). Content is never read, and nothing here throws into the caller.
/// </summary>
public static class OutlayAnthropicExtensions
{
    /// <summary>Records the usage of a message returned by <c>client.Messages.Create(...)</c>, with status <c>ok</c>.</summary>
    /// <param name="outlay">The Outlay client.</param>
    /// <param name="message">The SDK's message.</param>
    /// <param name="context">Provider override, tags, key label, latency, service and environment. Default <see langword="null"/>: none.</param>
    /// <returns>
    /// True when an event was queued; false when <paramref name="outlay"/> or <paramref name="message"/> is null, the message
    /// carries no usage or model, or the client dropped the event. Never throws.
    /// </returns>
    public static bool TrackUsage(this OutlayClient outlay, Message message, AnthropicUsageContext? context = null)
    {
        if (outlay is null || message is null)
        {
            return false;
        }

        try
        {
            using var body = System.Text.Json.JsonDocument.Parse(UsageOnlyJson.Message(message.RawData));
            var usage = AnthropicMessagesUsageAdapter.FromResponse(body.RootElement, UsageEventMapper.Provider(context));
            return UsageEventMapper.ToEvent(usage, context, CallStatus.Ok, measuredLatencyMs: null) is { } usageEvent
                && outlay.Track(usageEvent);
        }
#pragma warning disable CA1031 // Usage reporting must never fail the application's call.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>
    /// Wraps the stream of <c>client.Messages.CreateStreaming(...)</c> so that enumerating it records one event when it
    /// ends: status <c>ok</c> at its end, <c>cancelled</c> when cancelled or left early (e.g. <c>break</c>), <c>error</c>
    /// when the SDK throws (the exception still reaches the caller). Usage is what the stream reported so far: input and
    /// cache counts from <c>message_start</c>, the cumulative output of the last <c>message_delta</c>. The latency is the
    /// enumeration's duration unless <see cref="AnthropicUsageContext.LatencyMs"/> is set. A stream left before
    /// <c>message_start</c> records nothing (no model is known). Each enumeration records once; an enumerator never
    /// disposed (not possible with <c>await foreach</c>) records only if it reaches the end or fails.
    /// </summary>
    /// <param name="outlay">The Outlay client.</param>
    /// <param name="stream">The SDK's stream of events, passed through unchanged.</param>
    /// <param name="context">Provider override, tags, key label, latency, service and environment. Default <see langword="null"/>: none.</param>
    /// <returns>The same events, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outlay"/> or <paramref name="stream"/> is null.</exception>
    public static IAsyncEnumerable<RawMessageStreamEvent> TrackStream(
        this OutlayClient outlay, IAsyncEnumerable<RawMessageStreamEvent> stream, AnthropicUsageContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(outlay);
        ArgumentNullException.ThrowIfNull(stream);
        return Follow(outlay, stream, context);
    }

    private static async IAsyncEnumerable<RawMessageStreamEvent> Follow(
        OutlayClient outlay,
        IAsyncEnumerable<RawMessageStreamEvent> stream,
        AnthropicUsageContext? context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var recorder = new AnthropicStreamRecorder(outlay, context);
        var events = stream.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                bool hasNext;
                try
                {
                    hasNext = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    recorder.Failed(ex);
                    throw;
                }

                if (!hasNext)
                {
                    recorder.Completed();
                    yield break;
                }

                recorder.Observe(events.Current);
                yield return events.Current;
            }
        }
        finally
        {
            try
            {
                await events.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                recorder.Record();
            }
        }
    }
}
