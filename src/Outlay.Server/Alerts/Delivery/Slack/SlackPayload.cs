using System.Globalization;
using System.Text.Json;

namespace Outlay.Server.Alerts.Delivery.Slack;

/// <summary>
/// A Slack incoming-webhook message: <c>text</c> for notifications, and <c>blocks</c> with a header (the title), a
/// section (the summary), a context line (project and time) and a button when the notice has a link.
/// </summary>
internal static class SlackPayload
{
    // Slack's own limits: header text 150, section text 3,000, button URL 3,000 characters.
    private const int MaxHeader = 150;
    private const int MaxSection = 3000;
    private const int MaxUrl = 3000;

    /// <summary>The UTF-8 JSON body.</summary>
    public static byte[] Serialize(AlertNotice notice)
    {
        var title = SlackText.Truncate(notice.Title, MaxHeader);
        var summary = SlackText.Truncate(SlackText.Escape(notice.Summary), MaxSection);
        var when = notice.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", SlackText.Truncate(SlackText.Escape($"{notice.Title}: {notice.Summary}"), MaxSection));
            json.WriteStartArray("blocks");

            json.WriteStartObject();
            json.WriteString("type", "header");
            WriteText(json, "plain_text", title); // plain_text is shown as is: no markup to escape
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "section");
            WriteText(json, "mrkdwn", summary);
            json.WriteEndObject();

            json.WriteStartObject();
            json.WriteString("type", "context");
            json.WriteStartArray("elements");
            json.WriteStartObject();
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", SlackText.Truncate(SlackText.Escape($"Project {notice.ProjectId} · {when}"), MaxSection));
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            if (notice.Link is { } link && link.AbsoluteUri.Length <= MaxUrl)
            {
                json.WriteStartObject();
                json.WriteString("type", "actions");
                json.WriteStartArray("elements");
                json.WriteStartObject();
                json.WriteString("type", "button");
                WriteText(json, "plain_text", "Open in Outlay");
                json.WriteString("url", link.AbsoluteUri);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteText(Utf8JsonWriter json, string type, string text)
    {
        json.WriteStartObject("text");
        json.WriteString("type", type);
        json.WriteString("text", text);
        json.WriteEndObject();
    }
}
