using System.Globalization;
using System.Text.Json;
using Outlay.Core.Querying;

namespace Outlay.Core.Events;

/// <summary>
/// Reads and validates one v1 event (DESIGN.md, "The event") with the reader on its <c>{</c>; leaves the reader on
/// its <c>}</c>. The result is either a valid <see cref="UsageEvent"/> or a rejection naming the field.
/// </summary>
internal static class UsageEventReader
{
    private const int ProviderMaxLength = 64;
    private const int ModelMaxLength = 256;
    private const int LabelMaxLength = 128;

    public static EventReadResult Read(ref Utf8JsonReader reader, int index, DateTimeOffset now, EventLimits limits)
    {
        var draft = new EventDraft();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = EventFieldNames.Match(ref reader);
            if (field == EventField.Unknown)
            {
                ReadUnknownField(ref reader, draft.Issues);
                continue;
            }

            if (!draft.MarkSeen(field))
            {
                draft.Issues.Refuse(EventFieldNames.WireName(field), "appears more than once");
            }

            reader.Read();
            ReadField(ref reader, field, draft, now, limits);
        }

        CheckRequiredAndConsistent(draft);
        return draft.Issues.IsEmpty
            ? new EventReadResult(new ParsedEvent(index, Build(draft)), null)
            : new EventReadResult(null, Reject(index, draft));
    }

    private static void ReadField(ref Utf8JsonReader reader, EventField field, EventDraft draft, DateTimeOffset now, EventLimits limits)
    {
        var issues = draft.Issues;
        switch (field)
        {
            case EventField.Id:
                draft.Id = ReadId(ref reader, issues);
                break;
            case EventField.Timestamp:
                draft.Timestamp = EventTimestamp.Read(ref reader, now, limits, issues);
                break;
            case EventField.Provider:
                draft.Provider = ReadText(ref reader, "provider", ProviderMaxLength, issues)?.ToLowerInvariant();
                break;
            case EventField.Model:
                draft.Model = ReadText(ref reader, "model", ModelMaxLength, issues);
                break;
            case EventField.Operation:
                draft.Operation = ReadChoice(ref reader, "operation", Operations.All, issues);
                break;
            case EventField.Usage:
                draft.UsagePresent = reader.TokenType != JsonTokenType.Null;
                draft.Usage = TokenUsageReader.Read(ref reader, limits, issues);
                break;
            case EventField.ServiceTier:
                draft.ServiceTier = ReadChoice(ref reader, "service_tier", ServiceTiers.All, issues);
                break;
            case EventField.Status:
                draft.Status = ReadChoice(ref reader, "status", EventStatuses.All, issues);
                break;
            case EventField.LatencyMs:
                draft.LatencyMs = EventValueReader.ReadInteger(ref reader, "latency_ms", (long)limits.MaxLatency.TotalMilliseconds, issues);
                break;
            case EventField.Service:
                draft.Service = ReadText(ref reader, "service", LabelMaxLength, issues);
                break;
            case EventField.Environment:
                draft.Environment = ReadText(ref reader, "environment", LabelMaxLength, issues);
                break;
            case EventField.Instance:
                draft.Instance = ReadText(ref reader, "instance", LabelMaxLength, issues);
                break;
            case EventField.KeyLabel:
                draft.KeyLabel = ReadText(ref reader, "key_label", LabelMaxLength, issues);
                break;
            case EventField.Tags:
                draft.Tags = EventTagsReader.Read(ref reader, issues);
                break;
            case EventField.CostUsd:
                draft.ClientCostUsd = ReadCost(ref reader, limits, issues);
                break;
        }
    }

    /// <summary>
    /// An unknown field refuses the event. Its name is echoed only when it is an ordinary identifier, and its value is
    /// still screened so that a credential sent under any name becomes a finding.
    /// </summary>
    private static void ReadUnknownField(ref Utf8JsonReader reader, EventIssues issues)
    {
        var name = reader.GetString()!;
        var label = issues.Screen("an unknown field name", name) && TagKeyPattern.IsValid(name) ? name : "an unknown field";
        issues.Refuse(label, "unknown field");
        reader.Read();
        EventValueReader.Screen(ref reader, label, issues);
    }

    private static Guid? ReadId(ref Utf8JsonReader reader, EventIssues issues)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            issues.Refuse("id", "must be a UUID string, e.g. 01934f1e-8a2b-7c3d-9e4f-0123456789ab");
            EventValueReader.Screen(ref reader, "id", issues);
            return null;
        }

        var text = reader.GetString()!;
        if (!Guid.TryParseExact(text, "D", out var id))
        {
            issues.Screen("id", text);
            issues.Refuse("id", "must be a UUID string, e.g. 01934f1e-8a2b-7c3d-9e4f-0123456789ab");
            return null;
        }

        if (id == Guid.Empty)
        {
            // Every client would collide on it, and duplicates are dropped silently.
            issues.Refuse("id", "must not be the nil UUID");
            return null;
        }

        return id;
    }

    private static string? ReadText(ref Utf8JsonReader reader, string field, int maxLength, EventIssues issues)
    {
        var value = EventValueReader.ReadString(ref reader, field, issues);
        return value is not null && EventValueReader.IsValidText(field, value, maxLength, issues) ? value : null;
    }

    private static string? ReadChoice(ref Utf8JsonReader reader, string field, IReadOnlySet<string> allowed, EventIssues issues)
    {
        var value = EventValueReader.ReadString(ref reader, field, issues);
        if (value is null || allowed.Contains(value))
        {
            return value;
        }

        issues.Refuse(field, "must be one of " + string.Join(", ", allowed.Order(StringComparer.Ordinal)));
        return null;
    }

    private static decimal? ReadCost(ref Utf8JsonReader reader, EventLimits limits, EventIssues issues)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        // TryGetDecimal parses the JSON text itself, so 0.000321 is exactly 0.000321m (no double on the way).
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var cost) && cost >= 0 && cost <= limits.MaxClientCostUsd)
        {
            return cost;
        }

        issues.Refuse("cost_usd", string.Create(CultureInfo.InvariantCulture, $"must be a number between 0 and {limits.MaxClientCostUsd}"));
        EventValueReader.Screen(ref reader, "cost_usd", issues);
        return null;
    }

    private static void CheckRequiredAndConsistent(EventDraft draft)
    {
        var issues = draft.Issues;
        RequirePresent(draft.Id is not null, "id", issues);
        RequirePresent(draft.Timestamp is not null, "timestamp", issues);
        RequirePresent(draft.Provider is not null, "provider", issues);
        RequirePresent(draft.Model is not null, "model", issues);
        RequirePresent(draft.UsagePresent, "usage", issues);
    }

    private static void RequirePresent(bool present, string field, EventIssues issues)
    {
        if (!present)
        {
            issues.Refuse(field, "is required");
        }
    }

    private static UsageEvent Build(EventDraft draft) => new()
    {
        Id = draft.Id!.Value,
        Timestamp = draft.Timestamp!.Value,
        Provider = draft.Provider!,
        Model = draft.Model!,
        Operation = draft.Operation ?? Operations.Chat,
        Usage = draft.Usage!,
        ServiceTier = draft.ServiceTier ?? ServiceTiers.Default,
        Status = draft.Status ?? EventStatuses.Ok,
        LatencyMs = draft.LatencyMs,
        Service = draft.Service,
        Environment = draft.Environment,
        Instance = draft.Instance,
        KeyLabel = draft.KeyLabel,
        Tags = draft.Tags ?? EmptyTags,
        ClientCostUsd = draft.ClientCostUsd,
    };

    private static EventRejection Reject(int index, EventDraft draft) =>
        new(index, draft.Id?.ToString("D"), draft.Issues.ErrorMessage(), draft.Issues.Secret)
        {
            Service = draft.Service,
            Environment = draft.Environment,
        };

    private static readonly IReadOnlyDictionary<string, string> EmptyTags = new Dictionary<string, string>(0, StringComparer.Ordinal);
}
