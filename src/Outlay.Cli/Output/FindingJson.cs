using System.Text.Json;
using Outlay.Core.Findings;

namespace Outlay.Cli.Output;

/// <summary>One finding as <c>outlay findings --json</c> writes it (the same field names as the API).</summary>
internal static class FindingJson
{
    public static void Write(Utf8JsonWriter w, Finding finding)
    {
        w.WriteString("id", finding.Id);
        w.WriteString("kind", finding.Kind);
        w.WriteString("severity", FindingSeverities.Name(finding.Severity));
        w.WriteString("status", finding.StatusName);
        w.WriteString("summary", finding.Summary);
        w.WriteString("detail", finding.Detail);
        w.WriteStartObject("where");
        foreach (var (name, value) in finding.Place.Parts)
        {
            WriteOptional(w, name, value);
        }

        w.WriteEndObject();
        WriteOptional(w, "expected", finding.Expected);
        WriteOptional(w, "observed", finding.Observed);
        WriteOptional(w, "key_id", finding.KeyId);
        w.WriteString("first_seen", finding.FirstSeen);
        w.WriteString("last_seen", finding.LastSeen);
        w.WriteNumber("occurrences", finding.Occurrences);
        WriteOptional(w, "acknowledged_at", finding.AcknowledgedAt);
        WriteOptional(w, "acknowledged_by", finding.AcknowledgedBy);
        WriteOptional(w, "snoozed_until", finding.SnoozedUntil);
        w.WriteBoolean("notified", finding.Notified);
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
