using System.Globalization;
using Outlay.Core.Alerts;
using Outlay.Server.Alerts.Delivery;

namespace Outlay.Server.Alerts;

/// <summary>
/// Checks a channel draft: name 1–100 characters; webhook and Slack URLs absolute http(s) of at most 2048 characters
/// with no user-info (Slack: https only); email 1–10 plausible addresses of at most 254 characters. Messages name the
/// rule, never the value. A webhook's signing secret is generated here, never chosen by the caller.
/// </summary>
internal static class AlertChannelValidator
{
    public const int MaxNameLength = 100;
    public const int MaxUrlLength = 2048;
    public const int MaxRecipients = 10;
    public const int MaxAddressLength = 254;

    /// <exception cref="AlertChannelValidationException">The draft breaks a rule.</exception>
    public static ValidatedAlertChannel Validate(AlertChannelDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var name = draft.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            throw new AlertChannelValidationException($"name: 1 to {MaxNameLength} characters, no control characters.");
        }

        // The name is shown on pages and in every alert; a pasted credential must be refused, not kept.
        if (Core.Security.SecretDetector.DetectFormat(name) is { } format)
        {
            throw new AlertChannelValidationException($"name: looks like a credential ({format}); it was not saved.");
        }

        if (!AlertChannelKinds.TryParse(draft.Kind, out var kind))
        {
            throw new AlertChannelValidationException("kind: webhook, slack or email.");
        }

        AlertChannelConfig config;
        if (kind == AlertChannelKind.Email)
        {
            if (draft.Url is not null)
            {
                throw new AlertChannelValidationException("url: not used by an email channel; give recipients.");
            }

            config = new AlertChannelConfig(null, null, Recipients(draft.Recipients));
        }
        else
        {
            if (draft.Recipients is { Count: > 0 })
            {
                throw new AlertChannelValidationException("recipients: only an email channel has recipients.");
            }

            var url = Url(draft.Url, requireHttps: kind == AlertChannelKind.Slack);
            config = new AlertChannelConfig(url, kind == AlertChannelKind.Webhook ? WebhookSigningSecrets.New() : null, []);
        }

        return new ValidatedAlertChannel(name, kind, config, AlertChannelTargets.Redact(kind, config));
    }

    private static Uri Url(string? text, bool requireHttps)
    {
        var rule = requireHttps
            ? $"url: an absolute https URL of at most {MaxUrlLength} characters, without user name or password."
            : $"url: an absolute http or https URL of at most {MaxUrlLength} characters, without user name or password.";
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxUrlLength
            || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url)
            || !(url.Scheme == Uri.UriSchemeHttps || (!requireHttps && url.Scheme == Uri.UriSchemeHttp))
            || !string.IsNullOrEmpty(url.UserInfo)
            || string.IsNullOrEmpty(url.Host)
            || url.AbsoluteUri.Length > MaxUrlLength)
        {
            throw new AlertChannelValidationException(rule);
        }

        return url;
    }

    private static List<string> Recipients(IReadOnlyList<string>? recipients)
    {
        var rule = string.Create(CultureInfo.InvariantCulture, $"recipients: 1 to {MaxRecipients} email addresses, each like name@example.com and at most {MaxAddressLength} characters.");
        if (recipients is null || recipients.Count is 0 or > MaxRecipients)
        {
            throw new AlertChannelValidationException(rule);
        }

        var kept = new List<string>();
        foreach (var raw in recipients)
        {
            var address = raw?.Trim();
            if (address is null || !IsPlausibleAddress(address))
            {
                throw new AlertChannelValidationException(rule);
            }

            if (!kept.Contains(address, StringComparer.OrdinalIgnoreCase))
            {
                kept.Add(address);
            }
        }

        return kept;
    }

    /// <summary>One <c>@</c>, a local part of 1–64 characters, a dotted domain; no spaces, controls or header punctuation.</summary>
    public static bool IsPlausibleAddress(string address)
    {
        if (address.Length is 0 or > MaxAddressLength || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';' or '"' or '(' or ')' or '[' or ']' or '\\'))
        {
            return false;
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at < 1 || at > 64 || at != address.LastIndexOf('@'))
        {
            return false;
        }

        var domain = address[(at + 1)..];
        return domain.Length >= 3 && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal)
            && domain.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' || c > 127);
    }
}
