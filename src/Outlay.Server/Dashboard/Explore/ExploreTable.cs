using Microsoft.AspNetCore.Http;
using Outlay.Core.Querying;
using Outlay.Server.Dashboard.Charts;
using Outlay.Server.Dashboard.Html;

namespace Outlay.Server.Dashboard.Explore;

/// <summary>The Explore table: a sortable column per dimension, bucket and metric (headers are links), and a totals row.</summary>
internal static class ExploreTable
{
    public static void Write(HtmlBuilder body, HttpContext http, ExploreRequest view, SpendQuery query, SpendResult result, IReadOnlyList<SpendRow> rows)
    {
        var hasBucket = query.Interval != SpendInterval.None;
        body.Open("div", ("class", "table-scroll"))
            .Open("table", ("data-testid", "explore-table"), ("aria-label", "Spend rows"))
            .Open("thead").Open("tr");
        foreach (var dimension in view.GroupBy)
        {
            Header(body, http, view, dimension, dimension, numeric: false);
        }

        if (hasBucket)
        {
            Header(body, http, view, "bucket", query.Interval == SpendInterval.Hour ? "Hour" : "Day", numeric: false);
        }

        foreach (var (name, heading) in ExploreRequest.Metrics)
        {
            Header(body, http, view, name, heading, numeric: true);
        }

        body.Close("tr").Close("thead").Open("tbody");
        if (rows.Count == 0)
        {
            body.Open("tr").Element("td", "No spend matches this view. Widen the range or remove a filter.", ("colspan", (view.GroupBy.Count + (hasBucket ? 1 : 0) + ExploreRequest.Metrics.Count).ToString(System.Globalization.CultureInfo.InvariantCulture))).Close("tr");
        }

        foreach (var row in rows)
        {
            body.Open("tr");
            for (var i = 0; i < view.GroupBy.Count; i++)
            {
                var value = row.Dimensions.GetValueOrDefault(view.GroupBy[i]);
                body.Element(i == 0 ? "th" : "td", value ?? TimeChartBuilder.NotSetName, ("scope", i == 0 ? "row" : null), ("class", value is null ? "hint" : null));
            }

            if (hasBucket && row.Bucket is { } bucket)
            {
                body.Open("td").Element("time", BucketLabels.Cell(bucket, query.Interval, query.TimeZone), ("datetime", SpendResultJson.FormatInstant(bucket))).Close("td");
            }

            WriteMetrics(body, row.CostNanoUsd, row.Events, row.UnpricedEvents, row.InputTokens, row.OutputTokens, row.CacheReadTokens, row.CacheWriteTokens, row.ReasoningTokens);
            body.Close("tr");
        }

        body.Close("tbody").Open("tfoot").Open("tr", ("data-testid", "explore-totals"));
        var labelColumns = view.GroupBy.Count + (hasBucket ? 1 : 0);
        if (labelColumns > 0)
        {
            body.Element("th", "Total", ("scope", "row"), ("colspan", labelColumns.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var all = result.Rows;
        WriteMetrics(
            body,
            result.TotalCostNanoUsd,
            all.Sum(r => r.Events),
            result.UnpricedEvents,
            all.Sum(r => r.InputTokens),
            all.Sum(r => r.OutputTokens),
            all.Sum(r => r.CacheReadTokens),
            all.Sum(r => r.CacheWriteTokens),
            all.Sum(r => r.ReasoningTokens));
        body.Close("tr").Close("tfoot").Close("table").Close("div");
    }

    private static void Header(HtmlBuilder body, HttpContext http, ExploreRequest view, string column, string heading, bool numeric)
    {
        var active = string.Equals(view.Sort, column, StringComparison.Ordinal);
        var ariaSort = active ? (view.Descending ? "descending" : "ascending") : null;
        var arrow = active ? (view.Descending ? " ▼" : " ▲") : string.Empty;
        body.Open("th", ("scope", "col"), ("class", numeric ? "num" : null), ("aria-sort", ariaSort))
            .Open("a", ("href", ExplorePage.Link(http, view.SortedBy(column), "/explore")), ("data-testid", "sort-" + column))
            .Text(heading)
            .Element("span", arrow, ("aria-hidden", "true"))
            .Close("a").Close("th");
    }

    private static void WriteMetrics(HtmlBuilder body, long cost, long events, long unpriced, long input, long output, long cacheRead, long cacheWrite, long reasoning)
    {
        body.Element("td", MoneyText.Spend(cost, unpriced), ("class", "num"));
        foreach (var count in new[] { events, unpriced, input, output, cacheRead, cacheWrite, reasoning })
        {
            body.Element("td", UsdText.Tokens(count), ("class", "num"));
        }
    }
}
