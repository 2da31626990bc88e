using System.Text;

namespace Outlay.Server.Alerts.Delivery.Slack;

/// <summary>Text made safe for Slack's <c>mrkdwn</c>: no mention, link or channel syntax can come through.</summary>
internal static class SlackText
{
    /// <summary>
    /// Replaces <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> with their entities, as Slack requires, so a budget named
    /// <c>&lt;!channel&gt;</c> pings nobody.
    /// </summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary><paramref name="text"/> cut to <paramref name="max"/> characters with an ellipsis, never inside a surrogate pair.</summary>
    public static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
