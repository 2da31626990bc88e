using System.Globalization;
using Outlay.Server.Dashboard.Html;

namespace Outlay.Server.Dashboard.Charts;

/// <summary>
/// A horizontal bar showing a part of a whole, as a small SVG (its size is an SVG attribute, not a style, so CSP holds).
/// Decorative: the row beside it states the amount and percentage in text.
/// </summary>
internal static class ShareBar
{
    /// <summary>The share of <paramref name="part"/> in <paramref name="whole"/> in percent (0–100, one decimal), 0 when the whole is 0.</summary>
    public static decimal Percent(long part, long whole) =>
        whole <= 0 ? 0m : Math.Clamp(Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero), 0m, 100m);

    public static HtmlBuilder Render(long part, long whole, string cssClass = "bar-fill")
    {
        var percent = Percent(part, whole).ToString("0.#", CultureInfo.InvariantCulture);
        return new HtmlBuilder()
            .Open("svg", ("class", "bar"), ("viewBox", "0 0 100 8"), ("preserveAspectRatio", "none"), ("aria-hidden", "true"), ("focusable", "false"))
            .Open("rect", ("class", cssClass), ("x", "0"), ("y", "0"), ("width", percent), ("height", "8")).Close("rect")
            .Close("svg");
    }
}
