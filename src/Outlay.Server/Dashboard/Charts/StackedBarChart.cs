using System.Globalization;
using Outlay.Core.Querying;
using Outlay.Server.Dashboard.Html;

namespace Outlay.Server.Dashboard.Charts;

/// <summary>
/// Renders a stacked bar chart over time as inline SVG: money ticks on the y axis, local-time labels on the x axis,
/// one <c>&lt;title&gt;</c> tooltip per segment, a legend, and the same numbers as a table for screen readers and
/// keyboard users. Colours come from CSS classes (<c>series-0</c> … <c>series-8</c>, the last for "Other"); there is no <c>style</c> attribute anywhere (CSP).
/// Every SVG element is closed explicitly: inside HTML an unclosed <c>&lt;rect&gt;</c> would swallow its siblings.
/// </summary>
internal static class StackedBarChart
{
    private const double Width = 720;
    private const double Height = 260;
    private const double Left = 76;
    private const double Right = 8;
    private const double Top = 10;
    private const double Bottom = 28;
    private const int MaxXLabels = 8;

    /// <summary>Writes the chart figure; <paramref name="what"/> names it in the summary, e.g. "Spend by model per day".</summary>
    public static HtmlBuilder Render(TimeChartData data, string what, string testId = "chart")
    {
        ArgumentNullException.ThrowIfNull(data);
        var html = new HtmlBuilder();
        html.Open("figure", ("class", "chart"), ("data-testid", testId));
        var max = 0L;
        for (var b = 0; b < data.Buckets.Count; b++)
        {
            max = Math.Max(max, data.BucketTotal(b));
        }

        var axis = MoneyAxis.For(max);
        html.Open("svg",
            ("class", "chart-svg"),
            ("viewBox", "0 0 " + N(Width) + " " + N(Height)),
            ("role", "img"),
            ("aria-label", Summary(data, what)),
            ("focusable", "false"));
        WriteGrid(html, axis);
        WriteBars(html, data, axis);
        WriteXLabels(html, data);
        if (max == 0)
        {
            html.Open("text", ("x", N(Left + ((Width - Left - Right) / 2))), ("y", N(Top + ((Height - Top - Bottom) / 2))), ("text-anchor", "middle"), ("class", "chart-empty"))
                .Text("No spend in this range").Close("text");
        }

        html.Close("svg");
        WriteLegend(html, data);
        WriteTable(html, data, what);
        html.Close("figure");
        return html;
    }

    /// <summary>The accessible one-sentence summary: range, total and the largest series.</summary>
    public static string Summary(TimeChartData data, string what)
    {
        ArgumentNullException.ThrowIfNull(data);
        var total = data.Series.Sum(s => s.Total);
        var text = what;
        if (data.Buckets.Count > 0)
        {
            text += ", " + BucketLabels.Long(data.Buckets[0], data.Interval, data.Zone) + " to " + BucketLabels.Long(data.Buckets[^1], data.Interval, data.Zone);
        }

        text += ": total " + UsdText.FormatNano(total);
        var largest = data.Series.Where(s => s.Total > 0).MaxBy(s => s.Total);
        if (largest is not null)
        {
            text += "; largest " + largest.Name + " " + UsdText.FormatNano(largest.Total);
        }

        return text + ".";
    }

    private static void WriteGrid(HtmlBuilder html, MoneyAxis axis)
    {
        var plotHeight = Height - Top - Bottom;
        html.Open("g", ("class", "chart-grid"), ("aria-hidden", "true"));
        for (var tick = 0; tick <= axis.TickCount; tick++)
        {
            var y = Top + plotHeight - (plotHeight * tick / axis.TickCount);
            html.Open("line", ("x1", N(Left)), ("x2", N(Width - Right)), ("y1", N(y)), ("y2", N(y)), ("class", tick == 0 ? "axis" : "grid")).Close("line");
            html.Open("text", ("x", N(Left - 6)), ("y", N(y + 4)), ("text-anchor", "end"), ("class", "chart-tick"))
                .Text(UsdText.FormatNano(axis.Step * tick)).Close("text");
        }

        html.Close("g");
    }

    private static void WriteBars(HtmlBuilder html, TimeChartData data, MoneyAxis axis)
    {
        if (data.Buckets.Count == 0)
        {
            return;
        }

        var plotHeight = Height - Top - Bottom;
        var slot = (Width - Left - Right) / data.Buckets.Count;
        var barWidth = Math.Max(1, slot * 0.8);
        html.Open("g", ("class", "chart-bars"));
        for (var b = 0; b < data.Buckets.Count; b++)
        {
            var x = Left + (slot * b) + ((slot - barWidth) / 2);
            var stacked = 0L;
            var bucketLabel = BucketLabels.Long(data.Buckets[b], data.Interval, data.Zone);
            foreach (var series in data.Series)
            {
                var value = series.Values[b];
                if (value <= 0)
                {
                    continue;
                }

                // Heights come from the stacked sums so the segments meet exactly and the top equals the bucket total.
                var yBottom = Top + plotHeight - (plotHeight * (double)stacked / axis.Max);
                stacked += value;
                var yTop = Top + plotHeight - (plotHeight * (double)stacked / axis.Max);
                html.Open("rect", ("x", N(x)), ("y", N(yTop)), ("width", N(barWidth)), ("height", N(Math.Max(0, yBottom - yTop))), ("class", series.CssClass))
                    .Open("title").Text(series.Name + " · " + bucketLabel + " · " + UsdText.FormatNano(value)).Close("title")
                    .Close("rect");
            }
        }

        html.Close("g");
    }

    private static void WriteXLabels(HtmlBuilder html, TimeChartData data)
    {
        if (data.Buckets.Count == 0)
        {
            return;
        }

        var slot = (Width - Left - Right) / data.Buckets.Count;
        var every = Math.Max(1, (int)Math.Ceiling(data.Buckets.Count / (double)MaxXLabels));
        html.Open("g", ("class", "chart-x"), ("aria-hidden", "true"));
        for (var b = 0; b < data.Buckets.Count; b += every)
        {
            html.Open("text", ("x", N(Left + (slot * b) + (slot / 2))), ("y", N(Height - 8)), ("text-anchor", "middle"), ("class", "chart-tick"))
                .Text(BucketLabels.Short(data.Buckets[b], data.Interval, data.Zone)).Close("text");
        }

        html.Close("g");
    }

    private static void WriteLegend(HtmlBuilder html, TimeChartData data)
    {
        if (data.Series.Count == 0)
        {
            return;
        }

        html.Open("figcaption").Open("ul", ("class", "legend"));
        foreach (var series in data.Series)
        {
            html.Open("li")
                .Open("span", ("class", "swatch " + series.CssClass), ("aria-hidden", "true")).Close("span")
                .Text(series.Name + " ").Element("span", MoneyText.Spend(series.Total, series.UnpricedEvents), ("class", "legend-total"))
                .Close("li");
        }

        html.Close("ul").Close("figcaption");
    }

    private static void WriteTable(HtmlBuilder html, TimeChartData data, string what)
    {
        if (data.Series.Count == 0)
        {
            return;
        }

        html.Open("details", ("class", "chart-data"))
            .Element("summary", "Show the chart's numbers as a table")
            .Open("div", ("class", "table-scroll"))
            .Open("table")
            .Element("caption", what)
            .Open("thead").Open("tr").Element("th", data.Interval == Core.Querying.SpendInterval.Hour ? "Hour" : "Day", ("scope", "col"));
        foreach (var series in data.Series)
        {
            html.Element("th", series.Name, ("scope", "col"));
        }

        html.Element("th", "Total", ("scope", "col")).Close("tr").Close("thead").Open("tbody");
        for (var b = 0; b < data.Buckets.Count; b++)
        {
            html.Open("tr").Element("th", BucketLabels.Long(data.Buckets[b], data.Interval, data.Zone), ("scope", "row"));
            foreach (var series in data.Series)
            {
                html.Element("td", UsdText.FormatNano(series.Values[b]), ("class", "num"));
            }

            html.Element("td", UsdText.FormatNano(data.BucketTotal(b)), ("class", "num")).Close("tr");
        }

        html.Close("tbody").Close("table").Close("div").Close("details");
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
