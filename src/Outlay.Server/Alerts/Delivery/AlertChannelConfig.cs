namespace Outlay.Server.Alerts.Delivery;

/// <summary>
/// A channel's settings in clear, as the sender needs them. Held in memory only for a send; the store keeps them
/// encrypted.
/// </summary>
/// <param name="Url">The webhook or Slack URL; null for email.</param>
/// <param name="SigningSecret">The generic webhook's HMAC secret; null for Slack and email.</param>
/// <param name="Recipients">Email addresses; empty for the webhooks.</param>
internal sealed record AlertChannelConfig(Uri? Url, string? SigningSecret, IReadOnlyList<string> Recipients);
