using System.Text.Json.Serialization;

namespace Outlay.Server.Alerts;

/// <summary>The answer of <c>GET /api/v1/alert-channels</c>: the project's channels, oldest first.</summary>
internal sealed record AlertChannelListResponse([property: JsonPropertyName("channels")] IReadOnlyList<AlertChannelItem> Channels);
