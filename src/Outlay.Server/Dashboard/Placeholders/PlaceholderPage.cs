using Microsoft.AspNetCore.Http;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Layout;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Placeholders;

/// <summary>The honest "not configured yet" page of a capability that a later issue fills in.</summary>
internal static class PlaceholderPage
{
    public static IResult Render(HttpContext http, string title, DashboardNav nav, string whatItWillDo, string arrivesWith)
    {
        var caller = DashboardContext.Get(http);
        var body = new HtmlBuilder()
            .Element("h1", title)
            .Open("section", ("class", "empty"), ("data-testid", "not-configured"))
            .Element("h2", "Not configured yet")
            .Element("p", whatItWillDo)
            .Element("p", arrivesWith)
            .Open("p")
            .Text("Meanwhile, ")
            .Element("a", "Explore", ("href", DashboardLinks.WithTimeZone(http, "/explore")))
            .Text(" shows spend by any dimension over any range, with CSV and JSON export.")
            .Close("p")
            .Close("section");
        return DashboardLayout.Page(http, caller, title, nav, body);
    }
}
