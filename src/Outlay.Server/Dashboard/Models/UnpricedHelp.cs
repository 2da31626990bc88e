using Outlay.Core.Querying;
using Outlay.Server.Dashboard.Html;

namespace Outlay.Server.Dashboard.Models;

/// <summary>How to price a model that has none: a filled-in pricing configuration file and the commands to check it.</summary>
internal static class UnpricedHelp
{
    /// <summary>A pricing configuration (the format of Pricing/Catalog/README.md) pricing <paramref name="model"/> at placeholder rates.</summary>
    public static string ExampleConfiguration(string provider, string model, DateOnly effectiveFrom) =>
        "{\n" +
        "  \"prices\": [\n" +
        "    { \"provider\": " + JsonString(provider) + ", \"model\": " + JsonString(model) + ", \"effective_from\": \"" + effectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "\",\n" +
        "      \"input\": \"1.00\", \"output\": \"4.00\", \"cache_read\": \"0.10\" }\n" +
        "  ]\n" +
        "}";

    public static void Write(HtmlBuilder html, PriceUsageRow row, DateOnly effectiveFrom)
    {
        var commandModel = ShellWord(row.Model);
        html.Open("li", ("data-testid", "unpriced-model"))
            .Open("p")
            .Element("strong", row.Provider + " / " + row.Model)
            .Text(" — " + UsdText.Tokens(row.Events) + " events without a price.")
            .Close("p")
            .Element("p", "Save rates in USD per 1M tokens (replace the example numbers with your contract's) as prices.json:")
            .Open("pre").Element("code", ExampleConfiguration(row.Provider, row.Model, effectiveFrom)).Close("pre")
            .Element("p", "Check that it resolves, then restart the server with it:")
            .Open("pre").Element("code", "outlay prices resolve " + ShellWord(row.Provider) + " " + commandModel + " --pricing-config prices.json\noutlay serve --pricing-config prices.json").Close("pre")
            .Element("p", "Events are priced when they arrive, so new events use the price at once. To price the events already stored (reports and budgets then show the corrected cost), re-price them:", ("class", "hint"))
            .Open("pre").Element("code", "outlay prices reprice --store sqlite:PATH --pricing-config prices.json --from " + effectiveFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " --provider " + ShellWord(row.Provider) + " --model " + commandModel + " --dry-run").Close("pre")
            .Element("p", "Drop --dry-run to write the new costs; an admin key can do the same with POST /api/v1/prices/reprice.", ("class", "hint"))
            .Close("li");
    }

    private static string JsonString(string value) => "\"" + System.Text.Json.JsonEncodedText.Encode(value).ToString() + "\"";

    /// <summary>Single-quoted for POSIX shells when the word holds anything beyond safe characters.</summary>
    private static string ShellWord(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '@')
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
