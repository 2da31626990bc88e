using System.Text.Json.Serialization;

namespace Outlay.Server.Alerts.Secrets;

/// <summary>The JSON sealed inside a channel: its <see cref="Delivery.AlertChannelConfig"/> in a stable shape.</summary>
internal sealed record SealedChannelSettings(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("signing_secret")] string? SigningSecret,
    [property: JsonPropertyName("recipients")] IReadOnlyList<string>? Recipients);
