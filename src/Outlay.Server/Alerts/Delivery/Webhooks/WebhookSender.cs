using System.Net.Http.Headers;
using Outlay.Server.Alerts.Delivery.Network;

namespace Outlay.Server.Alerts.Delivery.Webhooks;

/// <summary>POSTs a notice as signed JSON to a generic webhook, through the guarded client.</summary>
internal sealed class WebhookSender(HttpClient client, TimeProvider clock, string userAgent)
{
    /// <summary>Sends once; see <see cref="HttpDelivery.SendAsync"/> for how the outcome is decided.</summary>
    public async Task<DeliveryOutcome> SendAsync(AlertChannelConfig config, AlertNotice notice, CancellationToken cancellationToken)
    {
        if (config.Url is null || string.IsNullOrEmpty(config.SigningSecret))
        {
            return DeliveryOutcome.Permanent("webhook channel has no URL or signing secret");
        }

        if (!HttpTarget.IsSupported(config.Url))
        {
            return DeliveryOutcome.Permanent("webhook URL must be absolute http(s)");
        }

        if (!HttpTarget.IsHeaderSafe(notice.Id) || !HttpTarget.IsHeaderSafe(notice.Event))
        {
            return DeliveryOutcome.Permanent("notice id or event is not a plain header value");
        }

        var body = WebhookPayload.Serialize(notice);
        if (body.Length > WebhookPayload.MaxBytes)
        {
            return DeliveryOutcome.Permanent($"notice body is {body.Length} bytes, above the {WebhookPayload.MaxBytes}-byte limit");
        }

        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, config.Url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("Outlay-Event-Id", notice.Id);
        request.Headers.Add("Outlay-Event", notice.Event);
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Create(config.SigningSecret, timestamp, body));
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return await HttpDelivery.SendAsync(client, request, cancellationToken).ConfigureAwait(false);
    }
}
