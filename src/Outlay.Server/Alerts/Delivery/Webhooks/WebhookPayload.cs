using System.Globalization;
using System.Text.Json;

namespace Outlay.Server.Alerts.Delivery.Webhooks;

/// <summary>
/// The generic webhook's JSON body:
/// <c>{ "id", "event", "project_id", "title", "summary", "occurred_at", "data": {...}, "link" }</c>.
/// </summary>
internal static class WebhookPayload
{
    /// <summary>Largest body sent. 64 KiB; a notice beyond it is refused rather than cut.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>The UTF-8 body, exactly the bytes that are signed and sent.</summary>
    public static byte[] Serialize(AlertNotice notice)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", notice.Id);
            json.WriteString("event", notice.Event);
            json.WriteString("project_id", notice.ProjectId);
            json.WriteString("title", notice.Title);
            json.WriteString("summary", notice.Summary);
            json.WriteString("occurred_at", notice.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WritePropertyName("data");
            notice.Data.WriteTo(json);
            if (notice.Link is null)
            {
                json.WriteNull("link");
            }
            else
            {
                json.WriteString("link", notice.Link.AbsoluteUri);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
