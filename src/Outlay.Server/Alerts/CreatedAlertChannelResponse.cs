using System.Text.Json.Serialization;

namespace Outlay.Server.Alerts;

/// <summary>
/// The answer of <c>POST /api/v1/alert-channels</c>: the channel, and for a generic webhook its signing secret, shown
/// this once and never again.
/// </summary>
internal sealed record CreatedAlertChannelResponse(
    [property: JsonPropertyName("channel")] AlertChannelItem Channel,
    [property: JsonPropertyName("signing_secret"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SigningSecret);
