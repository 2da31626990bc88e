using System.Buffers;
using System.Text.Json;

namespace Outlay.Sdk.Anthropic;

/// <summary>
/// Copies the id, model and usage members of an SDK model's raw JSON into a new, small JSON text for the core
/// adapters. Only those members are touched, so message content is never read, copied or kept.
/// </summary>
internal static class UsageOnlyJson
{
    private static readonly string[] MemberNames = ["id", "model", "usage"];

    /// <summary><c>{"id", "model", "usage"}</c> of a message (members it lacks are left out).</summary>
    public static string Message(IReadOnlyDictionary<string, JsonElement> message) =>
        Write(writer => WriteMessageMembers(writer, message));

    /// <summary>The <c>id</c>, <c>model</c> and <c>usage</c> members of a message object, cloned so they outlive its document.</summary>
    public static Dictionary<string, JsonElement> Members(JsonElement message)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (message.ValueKind == JsonValueKind.Object)
        {
            foreach (var name in MemberNames)
            {
                if (message.TryGetProperty(name, out var value))
                {
                    members[name] = value.Clone();
                }
            }
        }

        return members;
    }

    /// <summary>A JSON array of the usage-bearing stream events seen, in the shape the core's stream reader expects.</summary>
    public static string StreamEvents(IReadOnlyDictionary<string, JsonElement>? startMessage, JsonElement? lastDeltaUsage) =>
        Write(writer =>
        {
            writer.WriteStartArray();
            if (startMessage is not null)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "message_start");
                writer.WritePropertyName("message");
                WriteMessageMembers(writer, startMessage);
                writer.WriteEndObject();
            }

            if (lastDeltaUsage is { } usage)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "message_delta");
                writer.WritePropertyName("usage");
                usage.WriteTo(writer);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });

    private static void WriteMessageMembers(Utf8JsonWriter writer, IReadOnlyDictionary<string, JsonElement> message)
    {
        writer.WriteStartObject();
        foreach (var name in MemberNames)
        {
            if (message.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Undefined)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
