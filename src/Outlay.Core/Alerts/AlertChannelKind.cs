namespace Outlay.Core.Alerts;

/// <summary>Where an alert channel delivers.</summary>
public enum AlertChannelKind
{
    /// <summary>A generic HTTPS webhook receiving signed JSON.</summary>
    Webhook,

    /// <summary>A Slack incoming webhook.</summary>
    Slack,

    /// <summary>Email through the server's SMTP settings.</summary>
    Email,
}
