using System.Globalization;
using System.Text.Json;
using Outlay.Core.Credentials;
using Outlay.Core.Pricing;

namespace Outlay.Cli.Output;

/// <summary>Writes the credential views as JSON, with the same field names as <c>/api/v1/credentials</c>.</summary>
internal static class CredentialJson
{
    public static void WriteEntry(Utf8JsonWriter w, CredentialInventoryEntry entry, bool withPlaces)
    {
        w.WriteString("key_label", entry.KeyLabel);
        w.WriteString("state", CredentialStates.Name(entry.State));
        if (entry.Retirement is { } r)
        {
            w.WriteStartObject("retirement");
            w.WriteString("retired_at", r.RetiredAt);
            WriteNullable(w, "replaced_by", r.ReplacedBy);
            WriteNullable(w, "note", r.Note);
            w.WriteString("created_at", r.CreatedAt);
            WriteNullable(w, "created_by", r.CreatedBy);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("retirement");
        }

        WriteNullable(w, "in_use_since", entry.InUseSince);
        WriteNullable(w, "first_seen", entry.FirstSeen);
        WriteNullable(w, "last_seen", entry.LastSeen);
        w.WriteNumber("events", entry.Events);
        WriteSightings(w, "services", entry.Services);
        WriteSightings(w, "environments", entry.Environments);
        WriteSightings(w, "instances", entry.Instances);
        WriteSightings(w, "models", entry.Models);
        w.WriteStartArray("daily_spend");
        foreach (var day in entry.DailySpend)
        {
            w.WriteStartObject();
            w.WriteString("day", day.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteNumber("cost_usd", NanoUsd.ToUsd(day.CostNanoUsd));
            w.WriteNumber("cost_nano_usd", day.CostNanoUsd);
            w.WriteNumber("events", day.Events);
            w.WriteNumber("unpriced_events", day.UnpricedEvents);
            w.WriteNumber("input_tokens", day.InputTokens);
            w.WriteNumber("output_tokens", day.OutputTokens);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (!withPlaces)
        {
            return;
        }

        w.WriteStartArray("places");
        foreach (var place in entry.Places)
        {
            w.WriteStartObject();
            w.WriteString("service", place.Service);
            w.WriteString("environment", place.Environment);
            w.WriteString("instance", place.Instance);
            w.WriteString("model", place.Model);
            w.WriteString("first_seen", place.FirstSeen);
            w.WriteString("last_seen", place.LastSeen);
            w.WriteNumber("events", place.Events);
            w.WriteBoolean("used_after_retirement", entry.IsUsedAfterRetirement(place));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void WriteRotation(Utf8JsonWriter w, CredentialRotation rotation)
    {
        w.WriteString("old_label", rotation.OldLabel);
        w.WriteString("new_label", rotation.NewLabel);
        w.WriteNumber("moved", rotation.MovedCount);
        w.WriteNumber("both", rotation.BothCount);
        w.WriteNumber("not_moved", rotation.NotMovedCount);
        w.WriteStartArray("places");
        foreach (var place in rotation.Places)
        {
            w.WriteStartObject();
            w.WriteString("service", place.Service);
            w.WriteString("environment", place.Environment);
            w.WriteString("instance", place.Instance);
            w.WriteString("status", CredentialRotationStatuses.Name(place.Status));
            WriteNullable(w, "old_first_seen", place.OldFirstSeen);
            WriteNullable(w, "old_last_seen", place.OldLastSeen);
            WriteNullable(w, "new_first_seen", place.NewFirstSeen);
            WriteNullable(w, "new_last_seen", place.NewLastSeen);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteSightings(Utf8JsonWriter w, string name, IReadOnlyList<CredentialSighting> sightings)
    {
        w.WriteStartArray(name);
        foreach (var s in sightings)
        {
            w.WriteStartObject();
            w.WriteString("value", s.Value);
            w.WriteString("first_seen", s.FirstSeen);
            w.WriteString("last_seen", s.LastSeen);
            w.WriteNumber("events", s.Events);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, DateTimeOffset? value)
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
