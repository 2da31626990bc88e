using Outlay.Core.Alerts;
using Outlay.Server.Alerts.Delivery;

namespace Outlay.Server.Alerts;

/// <summary>
/// The redacted target shown for a channel, enough to tell channels apart and nothing that would let someone post to
/// them: scheme and host, then the last three characters of a long path (<c>https://hooks.slack.com/…/…Xy9</c>); for
/// email the first letter and domain of each address (<c>o…@example.com</c>).
/// </summary>
internal static class AlertChannelTargets
{
    private const int ShownTail = 3;
    private const int MaxAddressesShown = 3;

    public static string Redact(AlertChannelKind kind, AlertChannelConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (kind == AlertChannelKind.Email)
        {
            var shown = config.Recipients.Take(MaxAddressesShown).Select(RedactAddress);
            var more = config.Recipients.Count > MaxAddressesShown ? $", +{config.Recipients.Count - MaxAddressesShown} more" : string.Empty;
            return string.Join(", ", shown) + more;
        }

        var url = config.Url ?? throw new ArgumentException("A webhook channel needs a URL.", nameof(config));
        var origin = url.GetLeftPart(UriPartial.Authority);
        var rest = url.PathAndQuery.TrimEnd('/');
        if (rest.Length == 0)
        {
            return origin + "/";
        }

        // A short path could be most of the secret; show only that one exists.
        return rest.Length >= 4 * ShownTail ? origin + "/…/…" + rest[^ShownTail..] : origin + "/…";
    }

    private static string RedactAddress(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at < 1 ? "…" : address[0] + "…" + address[at..];
    }
}
