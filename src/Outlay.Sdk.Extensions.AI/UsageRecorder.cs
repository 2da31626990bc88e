using Microsoft.Extensions.AI;

namespace Outlay.Sdk.Extensions.AI;

/// <summary>Turns a finished <see cref="CallRecord"/> into an Outlay event and tracks it, never throwing into the caller.</summary>
internal sealed class UsageRecorder
{
    private const string UnknownModel = "unknown";

    private readonly OutlayClient _outlay;
    private readonly string? _keyLabel;
    private readonly string? _providerOverride;
    private readonly Dictionary<string, string> _staticTags;

    public UsageRecorder(OutlayClient outlay, OutlayChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(outlay);
        ArgumentNullException.ThrowIfNull(options);
        _outlay = outlay;
        _keyLabel = options.KeyLabel;
        _providerOverride = string.IsNullOrWhiteSpace(options.Provider) ? null : options.Provider.Trim();

        // A snapshot, so changing the options object after building the pipeline has no effect (as with OutlayClientOptions).
        _staticTags = new Dictionary<string, string>(options.Tags, StringComparer.Ordinal);
    }

    /// <summary>Starts timing a call and captures its tags as they are now (the ambient scope of the caller).</summary>
    public CallRecord Begin(string operation, string? requestedModel, AdditionalPropertiesDictionary? callProperties)
    {
        Dictionary<string, string>? tags;
        try
        {
            tags = CallTags.Merge(_staticTags, callProperties);
        }
#pragma warning disable CA1031 // A caller's odd tag collection must not fail the provider call; the event goes without tags.
        catch (Exception)
#pragma warning restore CA1031
        {
            tags = null;
        }

        return new CallRecord(operation, requestedModel, tags);
    }

    /// <summary>Records the call. Any failure here is swallowed: usage reporting must never break the application's call.</summary>
    public void Record(CallRecord call, string status, string? providerName, Uri? providerUri, string? defaultModel)
    {
        try
        {
            var usageEvent = new UsageEvent
            {
                Provider = _providerOverride ?? ProviderNameMapping.Map(providerName, providerUri),
                Model = FirstNonEmpty(call.ResponseModel, call.RequestedModel, defaultModel) ?? UnknownModel,
                Operation = call.Operation,
                ServiceTier = call.ServiceTier,
                Status = status,
                LatencyMs = (long)call.Elapsed.TotalMilliseconds,
                KeyLabel = _keyLabel,
                Tags = call.Tags,
            };
            UsageMapping.Apply(call.Usage, usageEvent);
            _outlay.Track(usageEvent);
        }
#pragma warning disable CA1031 // The middleware must not turn a successful provider call into a failure.
        catch (Exception)
#pragma warning restore CA1031
        {
            // Track itself never throws; this guards the mapping above against an adapter's unexpected values.
        }
    }

    private static string? FirstNonEmpty(string? first, string? second, string? third) =>
        !string.IsNullOrWhiteSpace(first) ? first
        : !string.IsNullOrWhiteSpace(second) ? second
        : !string.IsNullOrWhiteSpace(third) ? third
        : null;
}
