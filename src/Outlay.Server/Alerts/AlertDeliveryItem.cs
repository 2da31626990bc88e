using System.Text.Json.Serialization;
using Outlay.Core.Alerts;

namespace Outlay.Server.Alerts;

/// <summary>One delivery of a notice to one channel as the API shows it.</summary>
internal sealed record AlertDeliveryItem(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("channel_id")] string ChannelId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("next_attempt_at")] DateTimeOffset? NextAttemptAt,
    [property: JsonPropertyName("last_attempt_at")] DateTimeOffset? LastAttemptAt,
    [property: JsonPropertyName("last_detail")] string? LastDetail,
    [property: JsonPropertyName("delivered_at")] DateTimeOffset? DeliveredAt)
{
    public static AlertDeliveryItem From(AlertDelivery delivery) => new(
        delivery.Id,
        delivery.ChannelId,
        delivery.StateName,
        delivery.Attempts,
        delivery.State == AlertDeliveryState.Pending ? delivery.NextAttemptAt : null,
        delivery.LastAttemptAt,
        delivery.LastDetail,
        delivery.DeliveredAt);
}
