using Outlay.Core.Events;
using static Outlay.Core.Telemetry.GenAiAttributes;

namespace Outlay.Core.Telemetry;

/// <summary>Turns one span into a usage event candidate, a rejection, or nothing (not a GenAI inference span).</summary>
internal static class GenAiSpanReader
{
    private const int ProviderMaxLength = 64;
    private const int ModelMaxLength = 256;
    private const int LabelMaxLength = 128;
    private const ulong NanosPerTick = 100;

    /// <summary>No GenAI span predates this; an earlier end time is an unset or broken clock.</summary>
    private static readonly DateTimeOffset EarliestTimestamp = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static (GenAiCandidate? Candidate, SpanRejection? Rejection) Read(TelemetrySpan span, GenAiMappingOptions options, DateTimeOffset now)
    {
        var attributes = span.Attributes;
        var issues = new EventIssues();
        string? operation = null;
        if (Text(attributes, OperationName, LabelMaxLength, issues) is { } operationName)
        {
            operation = GenAiOperations.FromOperationName(operationName);
            if (operation is null)
            {
                return (null, null);
            }
        }
        else if (Text(attributes, OpenInferenceSpanKind, LabelMaxLength, issues) is { } kind)
        {
            operation = GenAiOperations.FromOpenInferenceKind(kind);
            if (operation is null)
            {
                return (null, null);
            }
        }

        var provider = ReadProvider(attributes, issues);
        var usage = GenAiUsageReader.Read(attributes, provider, options.Limits, issues);
        var model = Text(attributes, ResponseModel, ModelMaxLength, issues)
            ?? Text(attributes, RequestModel, ModelMaxLength, issues)
            ?? Text(attributes, OpenInferenceModel, ModelMaxLength, issues);
        if (usage is null && issues.IsEmpty)
        {
            // No token counts: nothing to price (also spans of unknown dialects without an operation name).
            return (null, null);
        }

        if (operation is null && model is null)
        {
            return (null, null);
        }

        var resource = span.ResourceAttributes;
        var service = Text(resource, ServiceName, LabelMaxLength, issues);
        var environment = Text(resource, DeploymentEnvironmentName, LabelMaxLength, issues)
            ?? Text(resource, DeploymentEnvironment, LabelMaxLength, issues);
        var instance = Text(resource, ServiceInstanceId, LabelMaxLength, issues);
        var tier = Text(attributes, OpenAiResponseServiceTier, LabelMaxLength, issues)
            ?? Text(attributes, OldOpenAiResponseServiceTier, LabelMaxLength, issues)
            ?? Text(attributes, OpenAiRequestServiceTier, LabelMaxLength, issues)
            ?? Text(attributes, OldOpenAiRequestServiceTier, LabelMaxLength, issues);
        var responseId = Text(attributes, ResponseId, ModelMaxLength, issues);
        var errorType = Text(attributes, ErrorType, ModelMaxLength, issues);
        var tags = ReadTags(span, options, issues);
        var timestamp = ReadTimestamp(span.EndUnixNano, now, options.Limits, issues);
        if (provider is null)
        {
            issues.Refuse(ProviderName, "is required (or gen_ai.system, llm.provider, llm.system)");
        }

        if (model is null)
        {
            issues.Refuse(RequestModel, "is required (gen_ai.response.model, gen_ai.request.model or llm.model_name)");
        }

        if (!issues.IsEmpty)
        {
            return (null, new SpanRejection(issues.ErrorMessage(), issues.Secret, service, environment));
        }

        var usageEvent = new UsageEvent
        {
            Id = Guid.Empty,
            Timestamp = timestamp!.Value,
            Provider = provider!,
            Model = model!,
            Operation = operation ?? Operations.Chat,
            Usage = usage!.Value.Usage,
            ServiceTier = Providers.ServiceTierMapping.Map(tier) ?? ServiceTiers.Default,
            Status = span.StatusIsError || errorType is not null ? EventStatuses.Error : EventStatuses.Ok,
            LatencyMs = ReadLatency(span, options.Limits),
            Service = service,
            Environment = environment,
            Instance = instance,
            Tags = tags,
        };
        return (new GenAiCandidate(span, usageEvent, responseId, usage.Value.Detail), null);
    }

    private static string? ReadProvider(IReadOnlyDictionary<string, TelemetryValue> attributes, EventIssues issues)
    {
        var hint = Text(attributes, ProviderName, ProviderMaxLength, issues)
            ?? Text(attributes, LegacySystem, ProviderMaxLength, issues)
            ?? Text(attributes, OpenInferenceProvider, ProviderMaxLength, issues)
            ?? Text(attributes, OpenInferenceSystem, ProviderMaxLength, issues);
        var address = Text(attributes, ServerAddress, ModelMaxLength, issues);

        // MEAI and the OpenAI SDK say "openai" for Azure OpenAI endpoints too; the host tells them apart.
        if (address is not null && address.Contains("openai.azure.com", StringComparison.OrdinalIgnoreCase))
        {
            return Providers.ProviderNames.Azure;
        }

        return Providers.ProviderNames.Normalise(hint);
    }

    private static Dictionary<string, string> ReadTags(TelemetrySpan span, GenAiMappingOptions options, EventIssues issues)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (attribute, tag) in options.TagAttributes)
        {
            if (!span.Attributes.TryGetValue(attribute, out var value) && !span.ResourceAttributes.TryGetValue(attribute, out value))
            {
                continue;
            }

            var text = value.AsText();
            if (text is null)
            {
                issues.Refuse(attribute, "must be a string, number or boolean to become a tag");
                continue;
            }

            if (issues.Screen(attribute, text) && EventValueReader.IsShortAndPrintable(attribute, text, EventTagsReader.MaxValueLength, issues))
            {
                tags[tag] = text;
            }
        }

        return tags;
    }

    private static DateTimeOffset? ReadTimestamp(ulong endUnixNano, DateTimeOffset now, EventLimits limits, EventIssues issues)
    {
        var latest = now + limits.MaxFutureSkew;
        if (endUnixNano == 0 || endUnixNano / NanosPerTick > (ulong)(latest - DateTimeOffset.UnixEpoch).Ticks)
        {
            issues.Refuse("end_time_unix_nano", "must be set and at most " + limits.MaxFutureSkew.TotalMinutes + " minutes ahead of the server's clock");
            return null;
        }

        var timestamp = DateTimeOffset.UnixEpoch.AddTicks((long)(endUnixNano / NanosPerTick));
        if (timestamp < EarliestTimestamp)
        {
            issues.Refuse("end_time_unix_nano", "must not be before 2020-01-01");
            return null;
        }

        return timestamp;
    }

    private static long? ReadLatency(TelemetrySpan span, EventLimits limits)
    {
        if (span.StartUnixNano == 0 || span.EndUnixNano < span.StartUnixNano)
        {
            return null;
        }

        var milliseconds = (span.EndUnixNano - span.StartUnixNano) / 1_000_000;
        return milliseconds <= (ulong)limits.MaxLatency.TotalMilliseconds ? (long)milliseconds : null;
    }

    /// <summary>A kept string attribute: screened by the secret tripwire, non-blank, short and printable; null when absent or refused.</summary>
    private static string? Text(IReadOnlyDictionary<string, TelemetryValue> attributes, string name, int maxLength, EventIssues issues)
    {
        if (!attributes.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value.Kind != TelemetryValueKind.String)
        {
            issues.Refuse(name, "must be a string");
            return null;
        }

        var text = value.Text!;
        if (!issues.Screen(name, text))
        {
            return null;
        }

        return EventValueReader.IsValidText(name, text, maxLength, issues) ? text : null;
    }
}
