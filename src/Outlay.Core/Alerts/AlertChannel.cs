namespace Outlay.Core.Alerts;

/// <summary>
/// A place a project's alerts are delivered to. The settings that locate and authenticate the target (URL, signing
/// secret, recipients) are kept only sealed (encrypted by the server); <see cref="DisplayTarget"/> is a redacted hint
/// that is safe to show and log, such as <c>https://hooks.slack.com/…/…Xy9</c> or <c>o…@example.com</c>.
/// </summary>
/// <param name="Id">Random id, e.g. <c>chn_…</c>.</param>
/// <param name="ProjectId">The project whose alerts it receives.</param>
/// <param name="Name">A name for people, at most 100 characters.</param>
/// <param name="Kind">Webhook, Slack or email.</param>
/// <param name="DisplayTarget">The redacted target.</param>
/// <param name="SealedSettings">The encrypted settings; only the server's key opens them.</param>
/// <param name="CreatedAt">When it was added.</param>
public sealed record AlertChannel(
    string Id,
    string ProjectId,
    string Name,
    AlertChannelKind Kind,
    string DisplayTarget,
    byte[] SealedSettings,
    DateTimeOffset CreatedAt)
{
    /// <summary>The kind as written in the store and API: <c>webhook</c>, <c>slack</c> or <c>email</c>.</summary>
    public string KindName => AlertChannelKinds.Name(Kind);
}
