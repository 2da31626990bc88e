using System.Net;
using System.Text.RegularExpressions;
using Outlay.Core.Keys;
using Outlay.Server.Tests.Support;

namespace Outlay.Server.Tests.Alerts;

/// <summary>The Budgets page says where threshold alerts go: no channel yet, or how many, linking to the Alerts page.</summary>
public sealed partial class BudgetsAlertsNoteTests
{
    [Fact]
    public async Task The_note_counts_the_projects_channels_and_links_to_alerts()
    {
        await using var server = await RunningServer.StartAsync(o => o.AlertDeliveryInterval = TimeSpan.FromHours(1));
        var project = await server.CreateProjectAsync("shop");
        var admin = await server.CreateKeyAsync(project, ApiKeyKind.Admin);
        var otherAdmin = await server.CreateKeyAsync(await server.CreateProjectAsync("other"), ApiKeyKind.Admin);
        using var browser = new DashboardBrowser(server);
        await browser.SignInOrFailAsync(await server.CreateKeyAsync(project, ApiKeyKind.Read));

        var none = await NoteAsync(browser);
        await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, otherAdmin, new { name = "Elsewhere", kind = "email", recipients = new[] { "a@example.com" } }), HttpStatusCode.Created);
        var stillNone = await NoteAsync(browser);
        await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = "Mail", kind = "email", recipients = new[] { "a@example.com" } }), HttpStatusCode.Created);
        var one = await NoteAsync(browser);
        await ApiJson.ExpectAsync(await AlertChannelApiTests.PostAsync(server, admin, new { name = "Hook", kind = "webhook", url = "https://alerts.example.com/in" }), HttpStatusCode.Created);
        var two = await NoteAsync(browser);

        Assert.Equal("Threshold alerts are recorded, but there is no channel yet to deliver them: add one on Alerts.", none.Text);
        Assert.Equal(none.Text, stillNone.Text);
        Assert.Equal("Threshold alerts are delivered to 1 channel: see them on Alerts.", one.Text);
        Assert.Equal("Threshold alerts are delivered to 2 channels: see them on Alerts.", two.Text);
        Assert.All([none, one, two], n => Assert.Equal("/alerts", n.Href));
        Assert.DoesNotContain("not delivered yet", await browser.GetHtmlAsync("/budgets"), StringComparison.Ordinal);
    }

    private static async Task<(string Text, string Href)> NoteAsync(DashboardBrowser browser)
    {
        var html = await browser.GetHtmlAsync("/budgets");
        var note = Note().Match(html);
        Assert.True(note.Success, "the page has the alerts note");
        var href = Regex.Match(note.Groups["inner"].Value, "href=\"(?<href>[^\"?]*)").Groups["href"].Value;
        return (WebUtility.HtmlDecode(Regex.Replace(note.Groups["inner"].Value, "<[^>]+>", string.Empty)), href);
    }

    [GeneratedRegex("<p[^>]*data-testid=\"alerts-note\"[^>]*>(?<inner>.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex Note();
}
