using Microsoft.AspNetCore.Http;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Sessions;

namespace Outlay.Server.Dashboard.Layout;

/// <summary>The page frame every signed-in dashboard page is rendered in.</summary>
internal static class DashboardLayout
{
    // SKELETON: the session/layout work replaces this body with the real frame (header, nav, time zone, sign-out).
    public static IResult Page(HttpContext http, DashboardContext caller, string title, DashboardNav active, HtmlBuilder body, int statusCode = StatusCodes.Status200OK)
    {
        var html = new HtmlBuilder();
        html.Raw("<!doctype html>").Open("html", ("lang", "en")).Open("head").Element("title", title + " · Outlay").Close("head")
            .Open("body", ("data-nav", active.ToString())).Append(body).Close("body").Close("html");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", statusCode: statusCode);
    }
}
