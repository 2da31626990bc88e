using System.Text.Json.Serialization;
using Outlay.Core.Alerts;

namespace Outlay.Server.Alerts;

/// <summary>A channel's delivery health as the API and dashboard show it: <c>ok</c>, <c>failing</c> or <c>never_used</c>.</summary>
internal sealed record AlertChannelHealthItem(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("last_attempt_at")] DateTimeOffset? LastAttemptAt,
    [property: JsonPropertyName("last_detail")] string? LastDetail,
    [property: JsonPropertyName("failing_since")] DateTimeOffset? FailingSince)
{
    public const string Ok = "ok";
    public const string Failing = "failing";
    public const string NeverUsed = "never_used";

    public static AlertChannelHealthItem From(AlertChannelHealth? health) => health?.LastAttemptAt is not { } last
        ? new(NeverUsed, null, null, null)
        : new(health.LastDelivered ? Ok : Failing, last, health.LastDetail, health.LastDelivered ? null : health.FailingSince ?? last);
}
