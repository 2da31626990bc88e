using Outlay.Core.Querying;
using Outlay.Server.Dashboard.Html;

namespace Outlay.Server.Dashboard.Explore;

/// <summary>The Explore GET form: every control labelled, usable without a pointer or script.</summary>
internal static class ExploreForm
{
    /// <summary>Tag keys offered in the menus besides any already in the view.</summary>
    public static readonly IReadOnlyList<string> KnownTags = ["tag.feature", "tag.customer"];

    private static readonly (string Value, string Label)[] Intervals = [("", "None (totals)"), ("hour", "By hour"), ("day", "By day")];

    public static void Write(HtmlBuilder html, ExploreRequest view, string? timeZoneId)
    {
        var dimensions = SpendDimension.Columns.Concat(KnownTags)
            .Concat(view.GroupBy.Where(g => g.StartsWith("tag.", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        html.Open("form", ("method", "get"), ("action", "/explore"), ("class", "panel"), ("data-testid", "explore-form"))
            .Open("div", ("class", "form-grid"));
        for (var i = 0; i < ExploreRequest.MaxGroupBy; i++)
        {
            var id = "by-" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Select(html, id, "by", i == 0 ? "Group by" : "Then by", dimensions, view.GroupBy.Count > i ? view.GroupBy[i] : string.Empty, "(nothing)");
        }

        html.Open("div", ("class", "field"))
            .Element("label", "Or group by tag key", ("for", "by-tag"))
            .Void("input", ("id", "by-tag"), ("name", "by_tag"), ("type", "text"), ("maxlength", "64"), ("pattern", "[a-z0-9_.\\-]{1,64}"), ("placeholder", "e.g. team"), ("aria-describedby", "by-tag-hint"))
            .Element("span", "Lower case letters, digits, _ . -", ("id", "by-tag-hint"), ("class", "hint"))
            .Close("div");
        Select(html, "range", "range", "Range", ExploreRange.Presets, view.Range, null);
        html.Open("div", ("class", "field"))
            .Element("label", "From (custom)", ("for", "from"))
            .Void("input", ("id", "from"), ("name", "from"), ("type", "date"), ("value", view.FromDate))
            .Close("div")
            .Open("div", ("class", "field"))
            .Element("label", "To (custom, inclusive)", ("for", "to"))
            .Void("input", ("id", "to"), ("name", "to"), ("type", "date"), ("value", view.ToDate))
            .Close("div");
        Select(html, "interval", "interval", "Interval", Intervals, view.Interval, null);
        Select(html, "fdim", "fdim", "Add filter on", dimensions, string.Empty, "(no new filter)");
        html.Open("div", ("class", "field"))
            .Element("label", "Filter value", ("for", "fval"))
            .Void("input", ("id", "fval"), ("name", "fval"), ("type", "text"), ("maxlength", SpendQueryParser.MaxFilterValueLength.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Close("div");
        foreach (var filter in view.Filters)
        {
            html.Void("input", ("type", "hidden"), ("name", "filter"), ("value", filter));
        }

        if (timeZoneId is not null)
        {
            html.Void("input", ("type", "hidden"), ("name", "tz"), ("value", timeZoneId));
        }

        html.Open("div", ("class", "field"))
            .Element("button", "Show", ("type", "submit"), ("class", "button button-primary"), ("data-testid", "explore-submit"))
            .Close("div")
            .Close("div").Close("form");
    }

    private static void Select(HtmlBuilder html, string id, string name, string label, IEnumerable<string> values, string selected, string? emptyLabel) =>
        Select(html, id, name, label, values.Select(v => (v, v)), selected, emptyLabel);

    private static void Select(HtmlBuilder html, string id, string name, string label, IEnumerable<(string Value, string Label)> options, string selected, string? emptyLabel)
    {
        html.Open("div", ("class", "field"))
            .Element("label", label, ("for", id))
            .Open("select", ("id", id), ("name", name), ("data-testid", "explore-" + id));
        if (emptyLabel is not null)
        {
            html.Element("option", emptyLabel, ("value", string.Empty));
        }

        foreach (var (value, text) in options)
        {
            html.Element("option", text, ("value", value), ("selected", string.Equals(value, selected, StringComparison.Ordinal) ? string.Empty : null));
        }

        html.Close("select").Close("div");
    }
}
