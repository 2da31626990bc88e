using System.CommandLine;
using System.Globalization;
using Outlay.Cli.Output;
using Outlay.Core.Pricing;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay prices list|resolve|reprice</c>: the catalog in use (built-in, plus the pricing configuration when given),
/// in USD per 1M tokens, which entry a model name resolves to, and re-pricing stored events after a correction.
/// </summary>
internal static class PricesCommand
{
    public static Command Create(CliConsole console) =>
        new("prices", "Show the price catalog in use and how model names resolve to it; re-price stored events after a correction.")
        {
            ListSubcommand(console),
            ResolveSubcommand(console),
            PricesRepriceCommand.Create(console, PricingConfigOption()),
        };

    private static Command ListSubcommand(CliConsole console)
    {
        var provider = new Option<string?>("--provider") { Description = "Only this provider." };
        var model = new Option<string?>("--model") { Description = "Only models whose id contains this text." };
        var pricing = PricingConfigOption();
        var json = CommonOptions.Json();
        var command = new Command("list", "List catalog entries, USD per 1M tokens.") { provider, model, pricing, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var catalog = LoadCatalog(parse.GetValue(pricing));
            var providerFilter = parse.GetValue(provider);
            var modelFilter = parse.GetValue(model);
            var entries = catalog.Entries
                .Where(e => providerFilter is null || string.Equals(e.Provider, ProviderNames.Normalize(providerFilter), StringComparison.Ordinal))
                .Where(e => modelFilter is null || e.Model.Contains(modelFilter, StringComparison.OrdinalIgnoreCase))
                .OrderBy(e => e.Provider, StringComparer.Ordinal).ThenBy(e => e.Model, StringComparer.Ordinal)
                .ToList();
            if (parse.GetValue(json))
            {
                // The catalog's own format, so a listing can be edited and fed back as "prices" in a configuration file.
                await console.Json.WriteLineAsync(PriceCatalog.Create(entries, catalog.Generated, catalog.Sources).ToJson()).ConfigureAwait(false);
                return CliApplication.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumns("id", "mode", "input", "output", "cache read", "write 5m", "write 1h", "reasoning", "tiers", "long context", "effective");
            foreach (var entry in entries)
            {
                var rates = entry.Default.Rates;
                table.AddRow(
                    Markup.Escape(entry.Id),
                    entry.Mode,
                    Rate(rates.Input),
                    Rate(rates.Output),
                    Rate(rates.CacheRead),
                    Rate(rates.CacheWrite5m),
                    Rate(rates.CacheWrite1h),
                    Rate(rates.Reasoning),
                    Tiers(entry),
                    Markup.Escape(string.Join(" ", entry.Default.LongContext.Select(t => t.Label))),
                    Effective(entry));
            }

            table.Caption($"{entries.Count} entries · USD per 1M tokens · \"-\" means the bucket is billed at the input (cache) or output (reasoning) rate");
            console.Human.Write(table);
            return CliApplication.Success;
        });
        return command;
    }

    private static Command ResolveSubcommand(CliConsole console)
    {
        var provider = new Argument<string>("provider") { Description = "Provider as events name it." };
        var model = new Argument<string>("model") { Description = "Model as events name it, e.g. us.anthropic.claude-3-5-sonnet-20241022-v2:0." };
        var pricing = PricingConfigOption();
        var at = new Option<DateTimeOffset?>("--at") { Description = "As of this date. Default: now." };
        var json = CommonOptions.Json();
        var command = new Command("resolve", "Show which catalog entry a provider and model name is priced with.") { provider, model, pricing, at, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var catalog = LoadCatalog(parse.GetValue(pricing));
            var entry = catalog.Resolve(parse.GetValue(provider)!, parse.GetValue(model)!, parse.GetValue(at) ?? DateTimeOffset.UtcNow);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w =>
                {
                    w.WriteBoolean("priced", entry is not null);
                    if (entry is not null)
                    {
                        w.WritePropertyName("entry");
                        entry.WriteJson(w);
                    }
                }).ConfigureAwait(false);
            }
            else if (entry is null)
            {
                console.Human.MarkupLine("[yellow]unpriced[/]: no catalog entry matches. Events with this model are counted as unpriced, never as $0; add a price with --pricing-config.");
            }
            else
            {
                console.Human.MarkupLineInterpolated($"[bold]{entry.Id}[/]: input {Rate(entry.Default.Rates.Input)}, output {Rate(entry.Default.Rates.Output)} USD per 1M tokens ({Tiers(entry)}).");
            }

            return entry is null ? CliApplication.Failure : CliApplication.Success;
        });
        return command;
    }

    private static Option<FileInfo?> PricingConfigOption() => new("--pricing-config")
    {
        Description = "Pricing configuration file (overrides, discounts, Azure deployments, LiteLLM import).",
    };

    private static PriceCatalog LoadCatalog(FileInfo? configuration) =>
        configuration is null ? PriceCatalog.BuiltIn : PricingConfiguration.Load(configuration.FullName).ApplyTo(PriceCatalog.BuiltIn);

    private static string Rate(decimal? perMillion) =>
        perMillion is { } value ? value.ToString("0.######", CultureInfo.InvariantCulture) : "-";

    private static string Tiers(PriceEntry entry)
    {
        var tiers = new List<string> { "default" };
        if (entry.Batch is not null)
        {
            tiers.Add("batch");
        }

        if (entry.Flex is not null)
        {
            tiers.Add("flex");
        }

        if (entry.Priority is not null)
        {
            tiers.Add("priority");
        }

        return string.Join(",", tiers);
    }

    private static string Effective(PriceEntry entry) =>
        (entry.EffectiveFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…") + " – " +
        (entry.EffectiveTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
}
