using System.Text.Json;
using Outlay.Core.Security;

namespace Outlay.Server.Ingest;

/// <summary>
/// The <c>service</c> and <c>environment</c> of refused events, read back from the raw batch so a security
/// finding can say where a secret came from. A refused event was never validated, so only short plain labels
/// are taken, and never from the field the secret was found in.
/// </summary>
internal static class RejectedEventLabels
{
    private const int MaxLabelLength = 64;

    public static Dictionary<int, (string? Service, string? Environment)> Read(ReadOnlyMemory<byte> body, IReadOnlyDictionary<int, string> secretFieldByIndex)
    {
        var labels = new Dictionary<int, (string? Service, string? Environment)>();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                return labels;
            }

            var index = 0;
            foreach (var item in events.EnumerateArray())
            {
                if (secretFieldByIndex.TryGetValue(index, out var secretField) && item.ValueKind == JsonValueKind.Object)
                {
                    labels[index] = (Label(item, "service", secretField), Label(item, "environment", secretField));
                }

                index++;
            }
        }
        catch (JsonException)
        {
            // The parser already accepted the envelope; if it cannot be re-read the finding simply has no labels.
        }

        return labels;
    }

    private static string? Label(JsonElement item, string name, string secretField)
    {
        if (string.Equals(name, secretField, StringComparison.Ordinal)
            || !item.TryGetProperty(name, out var value)
            || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString();
        return text is not null && IsPlainLabel(text) ? text : null;
    }

    private static bool IsPlainLabel(string text)
    {
        if (text.Length is 0 or > MaxLabelLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '/'))
            {
                return false;
            }
        }

        // A short plain string can still be a token (an AWS key id is 20 letters and digits).
        return SecretDetector.DetectFormat(text) is null;
    }
}
