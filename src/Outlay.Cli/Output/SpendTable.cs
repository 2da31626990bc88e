using System.Globalization;
using Outlay.Core.Querying;
using Spectre.Console;

namespace Outlay.Cli.Output;

/// <summary>Renders a spend result as a table with a total line; the numbers are the query's, unchanged.</summary>
internal static class SpendTable
{
    /// <param name="result">The rows and total to show.</param>
    /// <param name="dimensions">Group-by names, one column each.</param>
    /// <param name="series">Whether rows carry a bucket column.</param>
    /// <param name="compact">Leave out the cache and reasoning columns.</param>
    /// <param name="timeZone">Zone buckets are shown in; default UTC.</param>
    public static Table Build(SpendResult result, IReadOnlyList<string> dimensions, bool series, bool compact = false, TimeZoneInfo? timeZone = null)
    {
        var zone = timeZone ?? TimeZoneInfo.Utc;
        var table = new Table().Border(TableBorder.Rounded);
        if (series)
        {
            table.AddColumn(Markup.Escape($"bucket ({SpendResultJson.TimeZoneId(zone)})"));
        }

        foreach (var dimension in dimensions)
        {
            table.AddColumn(Markup.Escape(dimension));
        }

        table.AddColumn(new TableColumn("cost").RightAligned());
        table.AddColumn(new TableColumn("events").RightAligned());
        table.AddColumn(new TableColumn("input").RightAligned());
        table.AddColumn(new TableColumn("output").RightAligned());
        if (!compact)
        {
            table.AddColumn(new TableColumn("cache read").RightAligned());
            table.AddColumn(new TableColumn("cache write").RightAligned());
            table.AddColumn(new TableColumn("reasoning").RightAligned());
        }

        table.AddColumn(new TableColumn("unpriced").RightAligned());

        foreach (var row in result.Rows)
        {
            var cells = new List<string>();
            if (series)
            {
                cells.Add(row.Bucket is { } bucket
                    ? TimeZoneInfo.ConvertTime(bucket, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                    : "");
            }

            foreach (var dimension in dimensions)
            {
                cells.Add(row.Dimensions.TryGetValue(dimension, out var value) && value is not null
                    ? Markup.Escape(value)
                    : "[grey](none)[/]");
            }

            cells.Add(CostCell(row));
            cells.Add(UsdText.Tokens(row.Events));
            cells.Add(UsdText.Tokens(row.InputTokens));
            cells.Add(UsdText.Tokens(row.OutputTokens));
            if (!compact)
            {
                cells.Add(UsdText.Tokens(row.CacheReadTokens));
                cells.Add(UsdText.Tokens(row.CacheWriteTokens));
                cells.Add(UsdText.Tokens(row.ReasoningTokens));
            }

            cells.Add(row.UnpricedEvents == 0 ? "0" : $"[yellow]{UsdText.Tokens(row.UnpricedEvents)}[/]");
            table.AddRow(cells.ToArray());
        }

        var caption = $"total {UsdText.FormatNano(result.TotalCostNanoUsd)}";
        if (result.UnpricedEvents > 0)
        {
            caption += $" · * {UsdText.Tokens(result.UnpricedEvents)} unpriced events are not included (no price for their model: add one with --pricing-config)";
        }

        table.Caption(Markup.Escape(caption));
        return table;
    }

    // A group whose events all lack a price has no cost to show: saying $0.00 would be the very bug Outlay exists to avoid.
    private static string CostCell(SpendRow row)
    {
        if (row.UnpricedEvents == row.Events && row.Events > 0)
        {
            return "[yellow]unpriced[/]";
        }

        var cost = UsdText.FormatNano(row.CostNanoUsd);
        return row.UnpricedEvents > 0 ? cost + "[yellow]*[/]" : cost;
    }
}
