using System.Net.Http.Headers;
using Outlay.Server.Alerts.Delivery.Network;

namespace Outlay.Server.Alerts.Delivery.Slack;

/// <summary>
/// POSTs a notice to a Slack incoming webhook through the guarded client. Slack answers 200 <c>ok</c>; its 4xx
/// answers (<c>invalid_token</c>, <c>channel_not_found</c>) are permanent.
/// </summary>
internal sealed class SlackSender(HttpClient client, string userAgent)
{
    /// <summary>Sends once; see <see cref="HttpDelivery.SendAsync"/> for how the outcome is decided.</summary>
    public async Task<DeliveryOutcome> SendAsync(AlertChannelConfig config, AlertNotice notice, CancellationToken cancellationToken)
    {
        if (config.Url is null || !HttpTarget.IsSupported(config.Url))
        {
            return DeliveryOutcome.Permanent("Slack channel has no absolute http(s) URL");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, config.Url);
        request.Content = new ByteArrayContent(SlackPayload.Serialize(notice));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
        return await HttpDelivery.SendAsync(client, request, cancellationToken).ConfigureAwait(false);
    }
}
