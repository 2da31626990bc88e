using System.Net;
using System.Text.RegularExpressions;

namespace Outlay.Server.Tests.Alerts;

/// <summary>Reads the text of one element by its <c>data-testid</c> from server-rendered HTML.</summary>
internal static partial class DashboardBrowserText
{
    public static string TestIdText(string html, string testId)
    {
        var match = Element().Matches(html).FirstOrDefault(m => m.Groups["id"].Value == testId);
        Assert.True(match is not null, $"no element with data-testid {testId}");
        return WebUtility.HtmlDecode(match!.Groups["text"].Value);
    }

    [GeneratedRegex("data-testid=\"(?<id>[^\"]+)\"[^>]*>(?<text>[^<]*)<")]
    private static partial Regex Element();
}
