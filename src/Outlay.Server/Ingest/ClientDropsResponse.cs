using System.Text.Json.Serialization;

namespace Outlay.Server.Ingest;

/// <summary>The answer of <c>GET /api/v1/ingest/drops</c>: events SDKs could not deliver, as they reported them.</summary>
internal sealed record ClientDropsResponse(
    [property: JsonPropertyName("queue_full")] long QueueFull,
    [property: JsonPropertyName("rejected_by_server")] long RejectedByServer,
    [property: JsonPropertyName("send_failed")] long SendFailed);
