using System.Diagnostics;
using System.Runtime.CompilerServices;
using OpenAI.Chat;
using Outlay.Core.Providers;

namespace Outlay.Sdk.OpenAI;

/// <summary>Reads the usage of a Chat Completions stream and records a whole stream once, when its enumeration ends.</summary>
internal static class StreamingUsage
{
    private const string Chunk = "chat.completion.chunk";
    private static readonly ReadOnlyMemory<byte> NoUsage = "{}"u8.ToArray();

    /// <summary>The usage of the final update (the one with <c>usage</c>), by the core's chat rules.</summary>
    public static ProviderUsage Read(StreamingChatCompletionUpdate update, string? providerHint) =>
        UsageEnvelope.Read(
            Chunk, update.CompletionId, update.Model, ExperimentalFields.ServiceTier(update), update.Usage, providerHint);

    public static async IAsyncEnumerable<StreamingChatCompletionUpdate> TrackAsync(
        OutlayClient outlay,
        IAsyncEnumerable<StreamingChatCompletionUpdate> updates,
        OpenAIUsageContext? context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Anything but reaching the end or an exception counts as cancelled: the caller stopped reading early
        // (the finally runs when the enumerator is disposed), or its token stopped the enumeration.
        var status = "cancelled";
        var started = Stopwatch.GetTimestamp();
        StreamingChatCompletionUpdate? last = null;
        StreamingChatCompletionUpdate? withUsage = null;
        var enumerator = updates.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        status = "ok";
                        break;
                    }
                }
                catch (Exception exception)
                {
                    status = exception is OperationCanceledException && cancellationToken.IsCancellationRequested ? "cancelled" : "error";
                    throw;
                }

                var update = enumerator.Current;
                last = update;
                if (update.Usage is not null)
                {
                    withUsage = update;
                }

                yield return update;
            }
        }
        finally
        {
            try
            {
                await enumerator.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                var latencyMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                OutlayOpenAIExtensions.Track(outlay, context, status, () => ReadStream(withUsage, last, context?.Provider), latencyMs);
            }
        }
    }

    /// <summary>The final usage when it arrived; otherwise zero tokens under the model the stream named (null if none).</summary>
    private static ProviderUsage? ReadStream(StreamingChatCompletionUpdate? withUsage, StreamingChatCompletionUpdate? last, string? providerHint) =>
        withUsage is not null ? Read(withUsage, providerHint)
        : last is null ? null
        : UsageEnvelope.Read(
            Chunk, last.CompletionId, last.Model, ExperimentalFields.ServiceTier(last), NoUsage, providerHint);
}
