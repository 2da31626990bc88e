namespace Outlay.Core.Alerts;

/// <summary>How a channel's deliveries have been going, kept beside the channel as attempts complete.</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="LastAttemptAt">When its last attempt ended; null when never used.</param>
/// <param name="LastDelivered">Whether that attempt delivered.</param>
/// <param name="LastDetail">What that attempt said.</param>
/// <param name="FailingSince">The first failed attempt since the last success; null when the last attempt succeeded or none was made.</param>
public sealed record AlertChannelHealth(string ChannelId, DateTimeOffset? LastAttemptAt, bool LastDelivered, string? LastDetail, DateTimeOffset? FailingSince);
