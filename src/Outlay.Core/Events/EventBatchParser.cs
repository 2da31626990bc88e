using System.Globalization;
using System.Text.Json;
using Outlay.Core.Querying;
using Outlay.Core.Security;
using Outlay.Core.Storage;

namespace Outlay.Core.Events;

/// <summary>
/// Parses and validates a <c>POST /v1/events</c> body (wire contract v1, DESIGN.md "The event"):
/// <c>{"events": [ ... ], "dropped": {"queue_full": n, "rejected_by_server": n, "send_failed": n}}</c>.
/// </summary>
/// <remarks>
/// A malformed envelope refuses the whole batch with <see cref="EventBatchFormatException"/>. Inside a well-formed
/// envelope each event is judged on its own: valid events are returned even when others are refused, each with
/// its index. Every string of every event goes through the secret tripwire (<see cref="SecretDetector"/>); an
/// event carrying a credential-looking value is refused with a <see cref="DetectedSecret"/> that names the field
/// and format, never the value. Pure: no I/O, no clock (the caller passes <c>now</c>).
/// </remarks>
public static class EventBatchParser
{
    /// <summary>Deepest nesting accepted: envelope, events array, event, usage/tags object, and a little slack.</summary>
    public const int MaxDepth = 8;

    /// <summary>Parses <paramref name="utf8Json"/> (UTF-8, an optional BOM is skipped).</summary>
    /// <param name="utf8Json">The request body, already decompressed.</param>
    /// <param name="now">The server's clock, for the timestamp window.</param>
    /// <param name="limits">Limits; <see cref="EventLimits.Default"/> when null.</param>
    /// <exception cref="EventBatchFormatException">The body is not a valid batch; the message is safe to return.</exception>
    public static EventBatch Parse(ReadOnlySpan<byte> utf8Json, DateTimeOffset now, EventLimits? limits = null)
    {
        limits ??= EventLimits.Default;
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        CheckWellFormed(utf8Json);
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            return ReadEnvelope(ref reader, now, limits);
        }
        catch (InvalidOperationException)
        {
            // GetString on a string that is not valid UTF-8. The exception text is not passed on: it may quote input.
            throw new EventBatchFormatException("the body contains a string that is not valid UTF-8");
        }
    }

    /// <summary>
    /// A first pass over the tokens, so that syntax and depth errors refuse the batch before any event is judged
    /// and the second pass can rely on well-formed JSON.
    /// </summary>
    private static void CheckWellFormed(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, ReaderOptions);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxDepth)
                {
                    throw new EventBatchFormatException(
                        string.Create(CultureInfo.InvariantCulture, $"the body is nested more than {MaxDepth} levels deep"));
                }
            }
        }
        catch (JsonException exception)
        {
            // The reader's message can quote the offending input, so only the position is reported.
            throw new EventBatchFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"the body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})"));
        }

        if (reader.BytesConsumed == 0)
        {
            throw new EventBatchFormatException("the body is empty");
        }
    }

    private static EventBatch ReadEnvelope(ref Utf8JsonReader reader, DateTimeOffset now, EventLimits limits)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new EventBatchFormatException("the body must be a JSON object with an 'events' array");
        }

        List<ParsedEvent>? events = null;
        List<EventRejection>? rejections = null;
        ClientDropReport? dropped = null;
        var droppedSeen = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("events"u8))
            {
                if (events is not null)
                {
                    throw new EventBatchFormatException("'events' appears more than once");
                }

                reader.Read();
                (events, rejections) = ReadEvents(ref reader, now, limits);
            }
            else if (reader.ValueTextEquals("dropped"u8))
            {
                if (droppedSeen)
                {
                    throw new EventBatchFormatException("'dropped' appears more than once");
                }

                droppedSeen = true;
                reader.Read();
                dropped = DropReportReader.Read(ref reader);
            }
            else
            {
                throw new EventBatchFormatException(UnknownEnvelopeField(reader.GetString()!));
            }
        }

        if (events is null || rejections is null)
        {
            throw new EventBatchFormatException("the body has no 'events' array");
        }

        return new EventBatch(events, rejections, dropped);
    }

    private static (List<ParsedEvent> Events, List<EventRejection> Rejections) ReadEvents(
        ref Utf8JsonReader reader, DateTimeOffset now, EventLimits limits)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new EventBatchFormatException("'events' must be an array");
        }

        var events = new List<ParsedEvent>();
        var rejections = new List<EventRejection>();
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (index == limits.MaxEventsPerBatch)
            {
                throw new EventBatchFormatException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"the batch has more than {limits.MaxEventsPerBatch} events; send at most {limits.MaxEventsPerBatch} per request"))
                {
                    TooManyEvents = true,
                };
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var result = UsageEventReader.Read(ref reader, index, now, limits);
                if (result.Event is not null)
                {
                    events.Add(result.Event);
                }
                else
                {
                    rejections.Add(result.Rejection!);
                }
            }
            else
            {
                rejections.Add(RejectNonObject(ref reader, index));
            }

            index++;
        }

        return (events, rejections);
    }

    private static EventRejection RejectNonObject(ref Utf8JsonReader reader, int index)
    {
        var issues = new EventIssues();
        issues.Refuse("event", "must be a JSON object");
        EventValueReader.Screen(ref reader, "event", issues);
        return new EventRejection(index, null, issues.ErrorMessage(), issues.Secret);
    }

    private static string UnknownEnvelopeField(string name) =>
        SecretDetector.DetectFormat(name) is null && TagKeyPattern.IsValid(name)
            ? $"unknown field '{name}' in the body; allowed are 'events' and 'dropped'"
            : "unknown field in the body; allowed are 'events' and 'dropped'";

    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        // One level of headroom so that CheckWellFormed reports depth itself instead of the reader's generic error.
        MaxDepth = MaxDepth + 1,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };
}
