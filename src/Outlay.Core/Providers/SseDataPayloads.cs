using System.Text;

namespace Outlay.Core.Providers;

/// <summary>
/// Splits a server-sent-events body into its <c>data:</c> payloads without copying them: each payload is a slice
/// of the body (only a payload spread over several <c>data:</c> lines is joined). <c>event:</c>, <c>id:</c>,
/// <c>retry:</c> and comment lines are skipped; every provider here repeats the event name inside the JSON.
/// <c>data: [DONE]</c> is dropped.
/// </summary>
internal static class SseDataPayloads
{
    private const string DataField = "data:";
    private const string DoneMarker = "[DONE]";

    /// <summary>True when the first non-blank line of <paramref name="body"/> is an SSE field or comment.</summary>
    public static bool LooksLikeSse(ReadOnlySpan<char> body)
    {
        var trimmed = body.TrimStart();
        return trimmed.StartsWith(DataField, StringComparison.Ordinal)
            || trimmed.StartsWith("event:", StringComparison.Ordinal)
            || trimmed.StartsWith("id:", StringComparison.Ordinal)
            || trimmed.StartsWith("retry:", StringComparison.Ordinal)
            || (!trimmed.IsEmpty && trimmed[0] == ':');
    }

    public static IEnumerable<ReadOnlyMemory<char>> Split(string body)
    {
        var pendingStart = -1;
        var pendingLength = 0;
        StringBuilder? joined = null;
        var lineStart = 0;
        while (lineStart <= body.Length)
        {
            var lineEnd = body.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = body.Length;
            }

            var length = lineEnd - lineStart;
            if (length > 0 && body[lineStart + length - 1] == '\r')
            {
                length--;
            }

            var line = body.AsSpan(lineStart, length);
            var current = lineStart;
            lineStart = lineEnd + 1;
            if (line.IsEmpty)
            {
                // A blank line ends the event.
                if (TakePending(body, ref pendingStart, ref pendingLength, ref joined) is { } payload)
                {
                    yield return payload;
                }

                continue;
            }

            if (!line.StartsWith(DataField, StringComparison.Ordinal))
            {
                continue;
            }

            var offset = DataField.Length + (line.Length > DataField.Length && line[DataField.Length] == ' ' ? 1 : 0);
            var dataStart = current + offset;
            var dataLength = length - offset;

            // Some recorders drop the blank lines between events: a data line opening a new JSON object starts a new event.
            if (pendingStart >= 0 && dataLength > 0 && body[dataStart] == '{'
                && TakePending(body, ref pendingStart, ref pendingLength, ref joined) is { } previous)
            {
                yield return previous;
            }

            if (pendingStart < 0)
            {
                pendingStart = dataStart;
                pendingLength = dataLength;
            }
            else
            {
                // Several data lines of one event are joined with a newline, as the SSE format says.
                joined ??= new StringBuilder().Append(body, pendingStart, pendingLength);
                joined.Append('\n').Append(body, dataStart, dataLength);
            }
        }

        if (TakePending(body, ref pendingStart, ref pendingLength, ref joined) is { } last)
        {
            yield return last;
        }
    }

    private static ReadOnlyMemory<char>? TakePending(string body, ref int start, ref int length, ref StringBuilder? joined)
    {
        ReadOnlyMemory<char>? payload = null;
        if (joined is not null)
        {
            payload = joined.ToString().AsMemory();
        }
        else if (start >= 0)
        {
            payload = body.AsMemory(start, length);
        }

        start = -1;
        length = 0;
        joined = null;
        return payload is { } value && value.Span.Trim().SequenceEqual(DoneMarker) ? null : payload;
    }
}
