using System.Diagnostics;

namespace Outlay.Sdk.Diagnostics;

/// <summary>
/// Records the <c>gen_ai.*</c> activities that .NET AI libraries already emit (Microsoft.Extensions.AI, the OpenAI SDK,
/// Semantic Kernel, Azure.AI.Inference) as Outlay usage events, with no change to the calling code.
/// </summary>
/// <remarks>
/// <para>
/// Only an allow-list of tags is read (operation, provider, model, response id, token counts, service tier, error
/// type, <c>server.address</c>) plus the tags named in <see cref="OutlayActivityListenerOptions.TagAttributes"/>;
/// message content attributes and activity events are never read. Only inference operations (chat, text completion,
/// embeddings) are recorded; tool, agent and orchestration spans are ignored.
/// </para>
/// <para>
/// Sampling: for the listened sources the listener answers <see cref="ActivitySamplingResult.AllData"/>, so their
/// activities are created and carry their tags even when nothing else listens; that is required to see the usage.
/// It does not set the <em>recorded</em> flag, so an OpenTelemetry sampler's decision to export or not is unchanged.
/// The libraries still need their own telemetry switched on (for example <c>UseOpenTelemetry()</c> on an
/// <c>IChatClient</c>, or <c>OpenAI.Experimental.EnableOpenTelemetry</c>).
/// </para>
/// <para>
/// One call is counted once: when two libraries each emit a span for a call (Microsoft.Extensions.AI around the
/// OpenAI SDK), the inner span waits up to <see cref="OutlayActivityListenerOptions.MergeWindow"/> for its GenAI parent
/// and the two are merged, keeping the larger token counts and the cache detail only Microsoft.Extensions.AI reports.
/// Spans with the same <c>gen_ai.response.id</c> are merged or recorded once. Without a response id the innermost span
/// wins: a parent whose GenAI child was already recorded on its own is skipped.
/// </para>
/// <para>The callbacks never throw into the application. Disposing stops listening and records the spans still waiting; it does not dispose the <see cref="OutlayClient"/>.</para>
/// </remarks>
public sealed class OutlayActivityListener : IDisposable
{
    private readonly OutlayClient _outlay;
    private readonly GenAiSpanReader _reader;
    private readonly SpanDeduplicator _deduplicator;
    private readonly string? _keyLabel;
    private readonly string? _service;
    private readonly string? _environment;
    private readonly ActivityListener _listener;
    private readonly ITimer _timer;
    private int _disposed;

    private OutlayActivityListener(OutlayClient outlay, OutlayActivityListenerOptions options, TimeProvider time)
    {
        _outlay = outlay;
        _keyLabel = options.KeyLabel;
        _service = options.Service;
        _environment = options.Environment;
        var sources = new SourceNameMatcher(options.SourceNames);
        _reader = new GenAiSpanReader(sources, options.TagAttributes);
        _deduplicator = new SpanDeduplicator(options.MergeWindow, options.MaxPendingActivities, time);
        var tick = options.MergeWindow / 2 < TimeSpan.FromMilliseconds(10) ? TimeSpan.FromMilliseconds(10) : options.MergeWindow / 2;
        _timer = time.CreateTimer(static state => ((OutlayActivityListener)state!).OnTimer(), this, tick, tick);
        _listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Matches(source.Name),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            SampleUsingParentId = static (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.AllData,
            ActivityStopped = OnActivityStopped,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Starts listening. Keep the returned listener for the life of the application and dispose it on shutdown.</summary>
    /// <param name="outlay">The client the events are sent with; not owned by the listener.</param>
    /// <param name="configure">Changes the defaults of <see cref="OutlayActivityListenerOptions"/>; optional.</param>
    /// <exception cref="ArgumentNullException"><paramref name="outlay"/> is null.</exception>
    /// <exception cref="ArgumentException">A tag mapping names a content attribute or an invalid Outlay tag key, or the window or pending limit is not positive.</exception>
    public static OutlayActivityListener Start(OutlayClient outlay, Action<OutlayActivityListenerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(outlay);
        var options = new OutlayActivityListenerOptions();
        configure?.Invoke(options);
        TagAttributeValidator.Validate(options.TagAttributes);
        if (options.MergeWindow <= TimeSpan.Zero)
        {
            throw new ArgumentException("MergeWindow must be positive.", nameof(configure));
        }

        if (options.MaxPendingActivities <= 0)
        {
            throw new ArgumentException("MaxPendingActivities must be positive.", nameof(configure));
        }

        return new OutlayActivityListener(outlay, options, TimeProvider.System);
    }

    /// <summary>Stops listening and records the activities still waiting for a parent. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _listener.Dispose();
        _timer.Dispose();
        Emit(_deduplicator.Flush());
    }

    private void OnActivityStopped(Activity activity)
    {
        try
        {
            if (!activity.IsAllDataRequested || _reader.Read(activity) is not { } span)
            {
                return;
            }

            Emit(_deduplicator.OnStopped(span));
        }
#pragma warning disable CA1031 // A listener callback must never throw into the application's call.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Nothing to report to: the SDK writes nothing to the console, and a lost event is better than a failed call.
        }
    }

    private void OnTimer()
    {
        try
        {
            Emit(_deduplicator.ExpireDue());
        }
#pragma warning disable CA1031 // Timer callbacks run on the thread pool; an exception there would end the process.
        catch (Exception)
#pragma warning restore CA1031
        {
            // As above: drop rather than crash.
        }
    }

    private void Emit(List<GenAiSpan> spans)
    {
        foreach (var span in spans)
        {
            if (span.Provider is null || span.Model is null)
            {
                continue;
            }

            _outlay.Track(new UsageEvent
            {
                Timestamp = span.EndTime,
                Provider = span.Provider,
                Model = span.Model,
                Operation = span.Operation,
                InputTokens = span.InputTokens ?? 0,
                OutputTokens = span.OutputTokens ?? 0,
                CacheReadTokens = span.CacheReadTokens ?? 0,
                CacheWriteTokens = span.CacheWriteTokens ?? 0,
                ReasoningTokens = span.ReasoningTokens ?? 0,
                ServiceTier = span.ServiceTier,
                Status = span.Status,
                LatencyMs = span.LatencyMs,
                Service = _service,
                Environment = _environment,
                KeyLabel = _keyLabel,
                Tags = span.Tags is null ? null : new Dictionary<string, string>(span.Tags, StringComparer.Ordinal),
            });
        }
    }
}
