using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Outlay.Cli.Output;
using Outlay.Cli.Stores;
using Outlay.Core.Pricing;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay prices reprice</c>: prices stored events again with the catalog in use (plus <c>--pricing-config</c>) after
/// a price correction, so reports and budgets show the corrected cost. Exact and idempotent; safe while a server ingests.
/// </summary>
internal static class PricesRepriceCommand
{
    /// <summary>Longest --provider or --model value: 256 characters (longer than any stored one can be).</summary>
    public const int MaxNameLength = 256;

    public static Command Create(CliConsole console, Option<FileInfo?> pricing)
    {
        var store = CommonOptions.Store();
        var project = new Option<string?>("--project") { Description = "Only this project. Default: every project in the store." };
        var from = new Option<string>("--from")
        {
            Description = "Start: an ISO date or date-time (UTC unless it has an offset) or a duration back from now (7d). Widened to the hour.",
            Required = true,
        };
        var to = new Option<string?>("--to") { Description = "End (exclusive), same forms as --from; at most 400 days after it. Default: now." };
        var provider = new Option<string?>("--provider") { Description = "Only events of this provider, as stored (e.g. openai)." };
        var model = new Option<string?>("--model") { Description = "Only events of this model, as stored (e.g. gpt-4o-2024-08-06)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would change; write nothing." };
        var json = CommonOptions.Json();
        var command = new Command("reprice", "Price stored events again after a price correction (events are otherwise priced once, on arrival).")
        {
            store, project, from, to, provider, model, pricing, dryRun, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var range = SpendQueryParser.Parse(parse.GetValue(from), parse.GetValue(to), null, null, null, DateTimeOffset.UtcNow);
            var providerName = Name(parse.GetValue(provider), "--provider");
            var modelName = Name(parse.GetValue(model), "--model");
            var configuration = parse.GetValue(pricing);
            var calculator = new CostCalculator(
                PriceCatalog.BuiltIn,
                configuration is null ? null : PricingConfiguration.Load(configuration.FullName));

            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            string? projectId = null;
            if (parse.GetValue(project) is { } projectName)
            {
                projectId = await StoreProjects.RequireIdAsync(opened, projectName, cancellationToken).ConfigureAwait(false);
            }

            var request = new RepriceRequest(projectId, range.From, range.To, providerName, modelName, parse.GetValue(dryRun));
            var result = await opened.RepriceAsync(request, Repricing.With(calculator), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w => WriteJson(w, request, result)).ConfigureAwait(false);
            }
            else
            {
                var verb = request.DryRun ? "Would change" : "Changed";
                console.Human.MarkupLineInterpolated(
                    $"{verb} [bold]{result.Changed.ToString("#,##0", CultureInfo.InvariantCulture)}[/] of {result.Examined.ToString("#,##0", CultureInfo.InvariantCulture)} events from {Instant(request.From)} to {Instant(request.To)}.");
                console.Human.MarkupLineInterpolated(
                    $"Cost {UsdText.FormatNano(result.CostBeforeNanoUsd)} → [bold]{UsdText.FormatNano(result.CostAfterNanoUsd)}[/] ({Signed(result.CostChangeNanoUsd)}); {result.StillUnpriced.ToString("#,##0", CultureInfo.InvariantCulture)} still unpriced (counted, never $0).");
                if (request.DryRun)
                {
                    console.Human.MarkupLine("Dry run: nothing was written.");
                }
            }

            return CliApplication.Success;
        });
        return command;
    }

    /// <summary>The JSON shape the CLI and <c>POST /api/v1/prices/reprice</c> share.</summary>
    public static void WriteJson(Utf8JsonWriter w, RepriceRequest request, RepriceResult result)
    {
        w.WriteString("from", request.From);
        w.WriteString("to", request.To);
        w.WriteBoolean("dry_run", request.DryRun);
        w.WriteNumber("examined", result.Examined);
        w.WriteNumber("changed", result.Changed);
        w.WriteNumber("still_unpriced", result.StillUnpriced);
        w.WriteNumber("cost_before_usd", NanoUsd.ToUsd(result.CostBeforeNanoUsd));
        w.WriteNumber("cost_after_usd", NanoUsd.ToUsd(result.CostAfterNanoUsd));
        w.WriteNumber("cost_change_usd", NanoUsd.ToUsd(result.CostChangeNanoUsd));
        w.WriteNumber("cost_before_nano_usd", result.CostBeforeNanoUsd);
        w.WriteNumber("cost_after_nano_usd", result.CostAfterNanoUsd);
    }

    private static string? Name(string? value, string option)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length is 0 or > MaxNameLength || value.Any(char.IsControl))
        {
            throw new CliUsageException($"{option}: 1 to {MaxNameLength} characters without control characters.");
        }

        return value;
    }

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Signed(long nano) => (nano >= 0 ? "+" : "-") + UsdText.FormatNano(Math.Abs(nano));
}
