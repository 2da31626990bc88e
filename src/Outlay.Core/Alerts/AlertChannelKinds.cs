namespace Outlay.Core.Alerts;

/// <summary>The names of <see cref="AlertChannelKind"/> in the store, the API and the CLI.</summary>
public static class AlertChannelKinds
{
    /// <summary><c>webhook</c>, <c>slack</c> or <c>email</c>.</summary>
    public static string Name(AlertChannelKind kind) => kind switch
    {
        AlertChannelKind.Webhook => "webhook",
        AlertChannelKind.Slack => "slack",
        AlertChannelKind.Email => "email",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Parses a kind name (exact, lower case); false for anything else.</summary>
    public static bool TryParse(string? name, out AlertChannelKind kind)
    {
        switch (name)
        {
            case "webhook":
                kind = AlertChannelKind.Webhook;
                return true;
            case "slack":
                kind = AlertChannelKind.Slack;
                return true;
            case "email":
                kind = AlertChannelKind.Email;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
