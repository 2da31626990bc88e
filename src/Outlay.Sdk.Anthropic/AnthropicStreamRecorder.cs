using System.Diagnostics;
using System.Text.Json;
using Anthropic.Models.Messages;
using Outlay.Core.Providers;

namespace Outlay.Sdk.Anthropic;

/// <summary>
/// Follows one Anthropic stream: keeps the <c>message_start</c> id, model and usage and the last
/// <c>message_delta</c> usage (whose output count is cumulative), and records one event when the stream ends,
/// fails or is abandoned. Content events are never looked into.
/// </summary>
internal sealed class AnthropicStreamRecorder(OutlayClient outlay, AnthropicUsageContext? context)
{
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private Dictionary<string, JsonElement>? _startMessage;
    private JsonElement? _lastDeltaUsage;
    private string? _status;
    private bool _recorded;

    public void Observe(RawMessageStreamEvent streamEvent)
    {
        try
        {
            if (streamEvent.TryPickStart(out var start)
                && start.RawData.TryGetValue("message", out var message))
            {
                _startMessage = UsageOnlyJson.Members(message);
            }
            else if (streamEvent.TryPickDelta(out var delta)
                && delta.RawData.TryGetValue("usage", out var usage)
                && usage.ValueKind == JsonValueKind.Object)
            {
                _lastDeltaUsage = usage.Clone();
            }
        }
#pragma warning disable CA1031 // An event the SDK could not type must not break the application's stream; usage stays as known.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>The stream reached its end.</summary>
    public void Completed() => _status ??= CallStatus.Ok;

    /// <summary>
    /// The stream threw. A cancellation is <c>cancelled</c>; anything else, an HTTP timeout included, is <c>error</c>.
    /// </summary>
    public void Failed(Exception exception) =>
        _status ??= exception is OperationCanceledException { InnerException: not TimeoutException } ? CallStatus.Cancelled : CallStatus.Error;

    /// <summary>Records the stream once; a stream left before its end is <c>cancelled</c>. Never throws.</summary>
    public void Record()
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        if (_startMessage is null && _lastDeltaUsage is null)
        {
            // Abandoned before message_start: no model is known, so there is nothing to price.
            return;
        }

        try
        {
            var usage = ProviderResponseReader.Read(UsageOnlyJson.StreamEvents(_startMessage, _lastDeltaUsage), UsageEventMapper.Provider(context));
            var latencyMs = (long)Stopwatch.GetElapsedTime(_startedAt).TotalMilliseconds;
            if (UsageEventMapper.ToEvent(usage, context, _status ?? CallStatus.Cancelled, latencyMs) is { } usageEvent)
            {
                outlay.Track(usageEvent);
            }
        }
#pragma warning disable CA1031 // Usage reporting must never turn the application's stream into a failure.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
