using System.Globalization;
using Outlay.Core.Pricing;
using Outlay.Core.Querying;
using Spectre.Console;

namespace Outlay.Cli.Output;

/// <summary>Renders a spend result as a table with a total line; the numbers are the query's, unchanged.</summary>
internal static class SpendTable
{
    public static Table Build(SpendResult result, IReadOnlyList<string> dimensions, bool series, bool compact = false)
    {
        var table = new Table().Border(TableBorder.Rounded);
        if (series)
        {
            table.AddColumn("bucket (UTC)");
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
                cells.Add(row.Bucket?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "");
            }

            foreach (var dimension in dimensions)
            {
                cells.Add(row.Dimensions.TryGetValue(dimension, out var value) && value is not null
                    ? Markup.Escape(value)
                    : "[grey](none)[/]");
            }

            cells.Add(CostCell(row));
            cells.Add(MoneyFormat.Tokens(row.Events));
            cells.Add(MoneyFormat.Tokens(row.InputTokens));
            cells.Add(MoneyFormat.Tokens(row.OutputTokens));
            if (!compact)
            {
                cells.Add(MoneyFormat.Tokens(row.CacheReadTokens));
                cells.Add(MoneyFormat.Tokens(row.CacheWriteTokens));
                cells.Add(MoneyFormat.Tokens(row.ReasoningTokens));
            }

            cells.Add(row.UnpricedEvents == 0 ? "0" : $"[yellow]{MoneyFormat.Tokens(row.UnpricedEvents)}[/]");
            table.AddRow(cells.ToArray());
        }

        var caption = $"total {MoneyFormat.Usd(NanoUsd.ToUsd(result.TotalCostNanoUsd))}";
        if (result.UnpricedEvents > 0)
        {
            caption += $" · * {MoneyFormat.Tokens(result.UnpricedEvents)} unpriced events are not included (no price for their model: add one with --pricing-config)";
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

        var cost = MoneyFormat.Usd(NanoUsd.ToUsd(row.CostNanoUsd));
        return row.UnpricedEvents > 0 ? cost + "[yellow]*[/]" : cost;
    }
}
