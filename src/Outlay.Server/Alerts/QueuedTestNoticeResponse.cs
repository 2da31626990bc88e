using System.Text.Json.Serialization;

namespace Outlay.Server.Alerts;

/// <summary>The answer of <c>POST /api/v1/alert-channels/{id}/test</c>: the queued delivery, sent by the next delivery run.</summary>
internal sealed record QueuedTestNoticeResponse([property: JsonPropertyName("delivery")] AlertDeliveryItem Delivery);
