using OpenAI.Chat;
using OpenAI.Embeddings;
using OpenAI.Responses;
using Outlay.Core.Providers;

namespace Outlay.Sdk.OpenAI;

/// <summary>
/// Records the usage of official OpenAI .NET SDK results on an <see cref="OutlayClient"/>: provider, model, token
/// counts (cache reads, cache writes and reasoning included), service tier and the caller's context. The token
/// rules are the core's (<see cref="OpenAiChatUsageAdapter"/>, <see cref="OpenAiResponsesUsageAdapter"/>,
/// <see cref="OpenAiEmbeddingsUsageAdapter"/>, chosen by <see cref="ProviderResponseReader"/>), the same that read
/// a raw response body, e.g. in <c>outlay cost --response</c>.
/// </summary>
/// <remarks>
/// No method reads message contents, output items or embedding vectors, and none throws: a result that cannot be
/// read returns <see langword="false"/> and nothing is counted.
/// </remarks>
public static class OutlayOpenAIExtensions
{
    /// <summary>Records a Chat Completions result.</summary>
    /// <param name="outlay">The client that sends the event.</param>
    /// <param name="completion">The result of <c>ChatClient.CompleteChat</c> / <c>CompleteChatAsync</c>.</param>
    /// <param name="context">Tags, key label, latency, provider override, service and environment. Default <see langword="null"/>: none.</param>
    /// <returns><see langword="true"/> when an event was queued; <see langword="false"/> when the result carries no usage or model, or the queue is full.</returns>
    public static bool TrackUsage(this OutlayClient outlay, ChatCompletion completion, OpenAIUsageContext? context = null) =>
        Track(outlay, context, null, () => completion.Usage is null
            ? null
            : UsageEnvelope.Read(
                "chat.completion", completion.Id, completion.Model, ExperimentalFields.ServiceTier(completion), completion.Usage, context?.Provider));

    /// <summary>
    /// Records a streamed Chat Completions update that carries usage: the last update of a stream requested with
    /// <c>stream_options.include_usage</c> (<c>ChatCompletionOptions.StreamOptions</c>; the SDK sets it by default).
    /// </summary>
    /// <param name="outlay">The client that sends the event.</param>
    /// <param name="update">The final update, the one whose <see cref="StreamingChatCompletionUpdate.Usage"/> is set.</param>
    /// <param name="context">Tags, key label, latency, provider override, service and environment. Default <see langword="null"/>: none.</param>
    /// <returns><see langword="true"/> when an event was queued; <see langword="false"/> for an update without usage (any earlier update).</returns>
    /// <remarks>To record a whole stream, including one abandoned early, use <see cref="TrackStreamingUsage(OutlayClient, IAsyncEnumerable{StreamingChatCompletionUpdate}, OpenAIUsageContext?)"/>.</remarks>
    public static bool TrackUsage(this OutlayClient outlay, StreamingChatCompletionUpdate update, OpenAIUsageContext? context = null) =>
        Track(outlay, context, null, () => update.Usage is null ? null : StreamingUsage.Read(update, context?.Provider));

#pragma warning disable OPENAI001 // The Responses API types are experimental in OpenAI 2.14; this overload exists for callers who already opted in.
    /// <summary>Records a Responses API result.</summary>
    /// <param name="outlay">The client that sends the event.</param>
    /// <param name="response">The result of <c>ResponsesClient.CreateResponse</c> / <c>CreateResponseAsync</c>.</param>
    /// <param name="context">Tags, key label, latency, provider override, service and environment. Default <see langword="null"/>: none.</param>
    /// <returns><see langword="true"/> when an event was queued; <see langword="false"/> when the result carries no usage or model, or the queue is full.</returns>
    /// <remarks>A <c>failed</c> response is recorded with status <c>error</c> and a <c>cancelled</c> one with status <c>cancelled</c>; both still count the tokens the provider reports.</remarks>
    public static bool TrackUsage(this OutlayClient outlay, ResponseResult response, OpenAIUsageContext? context = null) =>
        Track(outlay, context, StatusOf(response), () => response.Usage is null
            ? null
            : UsageEnvelope.Read(
                "response", response.Id, response.Model, response.ServiceTier?.ToString(), response.Usage, context?.Provider));
#pragma warning restore OPENAI001

    /// <summary>Records an embeddings result; the vectors are never read.</summary>
    /// <param name="outlay">The client that sends the event.</param>
    /// <param name="embeddings">The result of <c>EmbeddingClient.GenerateEmbeddings</c> / <c>GenerateEmbeddingsAsync</c>.</param>
    /// <param name="context">Tags, key label, latency, provider override, service and environment. Default <see langword="null"/>: none.</param>
    /// <returns><see langword="true"/> when an event was queued; <see langword="false"/> when the result carries no usage or model, or the queue is full.</returns>
    public static bool TrackUsage(this OutlayClient outlay, OpenAIEmbeddingCollection embeddings, OpenAIUsageContext? context = null) =>
        Track(outlay, context, null, () => embeddings.Usage is null
            ? null
            : UsageEnvelope.Read(
                "list", null, embeddings.Model, null, embeddings.Usage, context?.Provider));

    /// <summary>
    /// Records one line of a Batch API output file (<c>{"id": …, "custom_id": …, "response": {"status_code": 200,
    /// "body": {…}}}</c>) at the <c>batch</c> service tier. The body may be a chat completion, a Responses result or
    /// an embeddings list.
    /// </summary>
    /// <param name="outlay">The client that sends the event.</param>
    /// <param name="jsonLine">One line of the output file, as text.</param>
    /// <param name="context">Tags, key label, provider override, service and environment. Default <see langword="null"/>: none.</param>
    /// <returns><see langword="true"/> when an event was queued; <see langword="false"/> for a failed request (not billed), a malformed line, or a full queue.</returns>
    public static bool TrackBatchResultLine(this OutlayClient outlay, string jsonLine, OpenAIUsageContext? context = null) =>
        Track(outlay, context, null, () => BatchResultLine.Read(jsonLine, context?.Provider));

    /// <summary>
    /// Passes a Chat Completions stream through unchanged and records it once, when the enumeration ends: with the
    /// usage of the final update (request it with <c>stream_options.include_usage</c>), status <c>ok</c> at the end of
    /// the stream, <c>error</c> when the stream throws, or <c>cancelled</c> when the caller stops reading early (tokens
    /// then count only what the provider reported before that, usually none).
    /// </summary>
    /// <param name="outlay">The client that sends the event.</param>
    /// <param name="updates">The stream, for example the <c>AsyncCollectionResult</c> of <c>CompleteChatStreamingAsync</c>.</param>
    /// <param name="context">Tags, key label, provider override, service and environment. Default <see langword="null"/>: none.
    /// When <see cref="OpenAIUsageContext.LatencyMs"/> is null the time from the start of the enumeration to its end is sent.</param>
    /// <returns>The same updates, in order. A stream that named no model before it ended is not recorded.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="updates"/> is null.</exception>
    public static IAsyncEnumerable<StreamingChatCompletionUpdate> TrackStreamingUsage(
        this OutlayClient outlay, IAsyncEnumerable<StreamingChatCompletionUpdate> updates, OpenAIUsageContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return outlay is null ? updates : StreamingUsage.TrackAsync(outlay, updates, context);
    }

#pragma warning disable OPENAI001 // As above: only reached by callers who opted in to the Responses API.
    private static string? StatusOf(ResponseResult? response) =>
        response?.Status == ResponseStatus.Failed ? "error"
        : response?.Status == ResponseStatus.Cancelled ? "cancelled"
        : null;
#pragma warning restore OPENAI001

    /// <summary>Reads and tracks; every failure is swallowed, since usage reporting must never break the caller.</summary>
    internal static bool Track(OutlayClient? outlay, OpenAIUsageContext? context, string? status, Func<ProviderUsage?> read, long? measuredLatencyMs = null)
    {
        if (outlay is null)
        {
            return false;
        }

        try
        {
            var usage = read();
            var usageEvent = usage is null ? null : UsageEventMapper.ToEvent(usage, context, status, measuredLatencyMs);
            return usageEvent is not null && outlay.Track(usageEvent);
        }
#pragma warning disable CA1031 // A null or odd result, malformed JSON or an adapter's refusal all mean "nothing to record", never an exception in the caller.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }
}
