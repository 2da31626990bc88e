using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outlay.Core.Storage;
using Outlay.Server.Dashboard.Html;
using Outlay.Server.Dashboard.Sessions;
using Outlay.Server.Keys;
using Outlay.Storage.Sqlite;

namespace Outlay.Server.Dashboard.Layout;

/// <summary>
/// The page frame of the dashboard: document head (stylesheet, deferred script, no inline code), header with the
/// project, key kind, time-zone picker and sign-out, the navigation, <c>&lt;main id="main"&gt;</c> and a footer with
/// the render time. Pages write their own <c>&lt;h1&gt;</c> into the body.
/// </summary>
internal static class DashboardLayout
{
    private const string HtmlContentType = "text/html; charset=utf-8";

    private static readonly (DashboardNav Nav, string Path, string Label)[] NavEntries =
    [
        (DashboardNav.Overview, "/", "Overview"),
        (DashboardNav.Explore, "/explore", "Explore"),
        (DashboardNav.Models, "/models", "Models & prices"),
        (DashboardNav.Budgets, "/budgets", "Budgets"),
        (DashboardNav.Alerts, "/alerts", "Alerts"),
        (DashboardNav.Security, "/security", "Security"),
        (DashboardNav.Keys, "/keys", "Keys"),
    ];

    /// <summary>A signed-in page: <paramref name="body"/> inside the full frame, with <paramref name="active"/> marked in the nav.</summary>
    public static IResult Page(HttpContext http, DashboardContext caller, string title, DashboardNav active, HtmlBuilder body, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(caller);
        return Render(http, caller, title, active, body, statusCode);
    }

    /// <summary>A public page (sign-in): the frame without navigation or session controls.</summary>
    public static IResult SignInPage(HttpContext http, string title, HtmlBuilder body, int statusCode = StatusCodes.Status200OK) =>
        Render(http, null, title, null, body, statusCode);

    /// <summary>An error page (403, 404, …) with a heading and one explaining sentence; framed when there is a caller.</summary>
    public static IResult ErrorPage(HttpContext http, DashboardContext? caller, int statusCode, string title, string message)
    {
        var body = new HtmlBuilder()
            .Open("section", ("class", "error-page"), ("data-testid", "error-page"))
            .Element("h1", title)
            .Element("p", message, ("data-testid", "error-message"))
            .Open("p").Element("a", caller is null ? "Sign in" : "Back to the overview", ("href", caller is null ? "/signin" : DashboardLinks.WithTimeZone(http, "/"))).Close("p")
            .Close("section");
        return Render(http, caller, title, null, body, statusCode);
    }

    private static IResult Render(HttpContext http, DashboardContext? caller, string title, DashboardNav? active, HtmlBuilder body, int statusCode)
    {
        var html = new HtmlBuilder();
        html.Raw("<!doctype html>").Open("html", ("lang", "en"))
            .Open("head")
            .Void("meta", ("charset", "utf-8"))
            .Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .Void("meta", ("name", "referrer"), ("content", "no-referrer"))
            .Element("title", title + " · Outlay")
            .Void("link", ("rel", "icon"), ("href", "/assets/favicon.svg"), ("type", "image/svg+xml"))
            .Void("link", ("rel", "stylesheet"), ("href", "/assets/dashboard.css"))
            .Open("script", ("src", "/assets/dashboard.js"), ("defer", string.Empty)).Close("script")
            .Close("head")
            .Open("body", ("data-nav", active?.ToString()))
            .Element("a", "Skip to content", ("class", "skip-link"), ("href", "#main"));

        WriteHeader(html, http, caller);
        if (caller is not null)
        {
            WriteNav(html, http, active);
        }

        html.Open("main", ("id", "main"), ("tabindex", "-1")).Append(body).Close("main");
        WriteFooter(html, http, caller);
        html.Close("body").Close("html");
        return Results.Content(html.ToString(), HtmlContentType, statusCode: statusCode);
    }

    private static void WriteHeader(HtmlBuilder html, HttpContext http, DashboardContext? caller)
    {
        html.Open("header", ("class", "site-header"))
            .Open("div", ("class", "brand"))
            .Element("a", "Outlay", ("href", caller is null ? "/signin" : DashboardLinks.WithTimeZone(http, "/")), ("class", "brand-name"));
        if (caller is not null)
        {
            html.Element("span", caller.ProjectName, ("class", "project"), ("data-testid", "project-name"))
                .Element("span", KeyKindText.Format(caller.Kind) + " key", ("class", "badge"), ("data-testid", "key-kind"));
        }

        html.Close("div");
        if (caller is not null)
        {
            html.Open("div", ("class", "header-tools"));
            WriteTimeZoneForm(html, http, caller);
            html.Open("form", ("method", "post"), ("action", "/signout"), ("class", "signout-form"))
                .Void("input", ("type", "hidden"), ("name", DashboardSessionFilter.CsrfField), ("value", caller.CsrfToken))
                .Element("button", "Sign out", ("type", "submit"), ("class", "button-secondary"), ("data-testid", "signout"))
                .Close("form")
                .Close("div");
        }

        html.Close("header");
    }

    private static void WriteTimeZoneForm(HtmlBuilder html, HttpContext http, DashboardContext caller)
    {
        var current = caller.TimeZone.Id;
        html.Open("form", ("method", "get"), ("action", http.Request.Path.Value ?? "/"), ("class", "tz-form"));

        // The page's other parameters (grouping, range, filters) survive a time-zone change.
        foreach (var (name, values) in http.Request.Query)
        {
            if (string.Equals(name, DashboardTimeZone.QueryName, StringComparison.Ordinal) || name.Length > 64)
            {
                continue;
            }

            foreach (var value in values)
            {
                html.Void("input", ("type", "hidden"), ("name", name), ("value", value));
            }
        }

        html.Element("label", "Time zone", ("for", "tz-select"), ("class", "tz-label"))
            .Open("select", ("id", "tz-select"), ("name", DashboardTimeZone.QueryName), ("data-autosubmit", string.Empty), ("data-testid", "tz-select"));
        var choices = TimeZoneChoices.Common.Contains(current, StringComparer.Ordinal)
            ? TimeZoneChoices.Common
            : [current, .. TimeZoneChoices.Common];
        foreach (var zone in choices)
        {
            html.Element("option", zone, ("value", zone), ("selected", string.Equals(zone, current, StringComparison.Ordinal) ? string.Empty : null));
        }

        html.Close("select")
            .Element("button", "Apply", ("type", "submit"), ("class", "button-secondary tz-apply"))
            .Close("form");
    }

    private static void WriteNav(HtmlBuilder html, HttpContext http, DashboardNav? active)
    {
        html.Open("nav", ("aria-label", "Dashboard"), ("class", "site-nav")).Open("ul");
        foreach (var (nav, path, label) in NavEntries)
        {
            html.Open("li")
                .Element("a", label, ("href", DashboardLinks.WithTimeZone(http, path)), ("aria-current", nav == active ? "page" : null), ("data-testid", "nav-" + nav.ToString().ToLowerInvariant()))
                .Close("li");
        }

        html.Close("ul").Close("nav");
    }

    private static void WriteFooter(HtmlBuilder html, HttpContext http, DashboardContext? caller)
    {
        var store = http.RequestServices.GetService<IOutlayStore>();
        var storeKind = store is SqliteOutlayStore ? "SQLite" : store?.GetType().Name ?? "none";
        html.Open("footer", ("class", "site-footer"));
        if (caller is not null)
        {
            html.Element("span", "Times in " + DashboardTimeZone.Describe(caller.TimeZone, DateTimeOffset.UtcNow), ("data-testid", "time-zone"));
        }

        html.Element("span", "Store: " + storeKind)
            .Element(
                "span",
                string.Create(CultureInfo.InvariantCulture, $"rendered in {RenderTimer.ElapsedMilliseconds(http):0} ms"),
                ("data-testid", "render-time"))
            .Close("footer");
    }
}
