namespace Outlay.Server.Alerts;

/// <summary>A channel draft was refused; the message names the field and the rule, never the value.</summary>
internal sealed class AlertChannelValidationException(string message) : Exception(message);
