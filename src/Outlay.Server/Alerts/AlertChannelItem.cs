using System.Text.Json.Serialization;
using Outlay.Core.Alerts;

namespace Outlay.Server.Alerts;

/// <summary>One channel as the API shows it: never its URL, secret or addresses, only the redacted <c>target</c>.</summary>
internal sealed record AlertChannelItem(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("health")] AlertChannelHealthItem Health)
{
    public static AlertChannelItem From(AlertChannel channel, AlertChannelHealth? health) =>
        new(channel.Id, channel.Name, channel.KindName, channel.DisplayTarget, channel.CreatedAt, AlertChannelHealthItem.From(health));
}
