using System.CommandLine;
using System.Globalization;
using Outlay.Cli.Output;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Providers;
using Outlay.Core.Querying;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay cost</c>: prices one call, from token counts or from a provider's response body (JSON or SSE),
/// with the same catalog and calculator the server uses.
/// </summary>
internal static class CostCommand
{
    public static Command Create(CliConsole console)
    {
        var provider = new Option<string?>("--provider") { Description = "Provider: openai, azure, anthropic, gemini, vertex_ai, bedrock, mistral, cohere, deepseek, xai, groq." };
        var model = new Option<string?>("--model") { Description = "Model id as the provider reports it, e.g. gpt-4o-mini-2024-07-18." };
        var input = TokenOption("--input-tokens", "All input tokens, cache reads and writes included.");
        var output = TokenOption("--output-tokens", "All output tokens, reasoning included.");
        var cacheRead = TokenOption("--cache-read-tokens", "Input tokens read from the prompt cache.");
        var cacheWrite = TokenOption("--cache-write-tokens", "Input tokens written to the cache with a 5-minute lifetime.");
        var cacheWrite1h = TokenOption("--cache-write-1h-tokens", "Input tokens written to the cache with a 1-hour lifetime.");
        var reasoning = TokenOption("--reasoning-tokens", "Output tokens spent on reasoning (part of --output-tokens).");
        var tier = new Option<string>("--service-tier")
        {
            Description = "default, batch, flex or priority.",
            DefaultValueFactory = _ => ServiceTiers.Default,
        };
        tier.AcceptOnlyFromAmong([.. ServiceTiers.All]);
        var at = new Option<string?>("--at") { Description = "Price as of this date (ISO 8601). Default: now." };
        var response = new Option<FileInfo?>("--response") { Description = "A provider response body (JSON, or SSE stream text); only its usage and model fields are read." };
        var pricing = new Option<FileInfo?>("--pricing-config") { Description = "Pricing configuration file with overrides and discounts." };
        var json = CommonOptions.Json();

        var command = new Command("cost", "Price one call from its token counts or its response body.")
        {
            provider, model, input, output, cacheRead, cacheWrite, cacheWrite1h, reasoning, tier, at, response, pricing, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            string resolvedProvider;
            string resolvedModel;
            TokenUsage usage;
            string serviceTier = parse.GetValue(tier) ?? ServiceTiers.Default;
            var responseFile = parse.GetValue(response);
            if (responseFile is not null)
            {
                var body = await File.ReadAllTextAsync(responseFile.FullName, cancellationToken).ConfigureAwait(false);
                var read = ProviderResponseReader.Read(body, parse.GetValue(provider), parse.GetValue(model));
                resolvedProvider = read.Provider;
                resolvedModel = parse.GetValue(model) ?? read.Model
                    ?? throw new CliUsageException("the response names no model; give --model.");
                usage = read.Usage;
                if (parse.GetResult(tier) is null && read.ServiceTier is not null)
                {
                    serviceTier = read.ServiceTier;
                }
            }
            else
            {
                resolvedProvider = parse.GetValue(provider) ?? throw new CliUsageException("give --provider and --model with token counts, or --response FILE.");
                resolvedModel = parse.GetValue(model) ?? throw new CliUsageException("give --model.");
                if (parse.GetResult(input) is null || parse.GetResult(output) is null)
                {
                    throw new CliUsageException("give --input-tokens and --output-tokens (or --response FILE).");
                }

                usage = new TokenUsage(
                    parse.GetValue(input),
                    parse.GetValue(output),
                    parse.GetValue(cacheRead),
                    parse.GetValue(cacheWrite),
                    parse.GetValue(cacheWrite1h),
                    parse.GetValue(reasoning));
                if (usage.CacheReadTokens + usage.CacheWriteTokens + usage.CacheWrite1hTokens > usage.InputTokens)
                {
                    throw new CliUsageException("cache read and write tokens are part of --input-tokens, so they cannot add up to more than it.");
                }

                if (usage.ReasoningTokens > usage.OutputTokens)
                {
                    throw new CliUsageException("--reasoning-tokens are part of --output-tokens, so they cannot be more than it.");
                }
            }

            var when = ParseAt(parse.GetValue(at));
            var configurationFile = parse.GetValue(pricing);
            var configuration = configurationFile is null ? null : PricingConfiguration.Load(configurationFile.FullName);
            var calculator = new CostCalculator(PriceCatalog.BuiltIn, configuration);
            var cost = calculator.Calculate(resolvedProvider, resolvedModel, usage, serviceTier, when);

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w => WriteJson(w, resolvedProvider, resolvedModel, usage, serviceTier, cost)).ConfigureAwait(false);
            }
            else
            {
                WriteHuman(console, resolvedProvider, resolvedModel, usage, serviceTier, cost);
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static Option<long> TokenOption(string name, string description)
    {
        var option = new Option<long>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 0)
            {
                result.AddError($"{name} cannot be negative.");
            }
        });
        return option;
    }

    private static DateTimeOffset ParseAt(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return DateTimeOffset.UtcNow;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        throw new CliUsageException($"--at must be an ISO 8601 date or date-time (got '{text}').");
    }

    private static void WriteJson(System.Text.Json.Utf8JsonWriter w, string provider, string model, TokenUsage usage, string serviceTier, CostResult cost)
    {
        w.WriteString("provider", provider);
        w.WriteString("model", model);
        w.WriteString("service_tier", serviceTier);
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", usage.InputTokens);
        w.WriteNumber("output_tokens", usage.OutputTokens);
        w.WriteNumber("cache_read_tokens", usage.CacheReadTokens);
        w.WriteNumber("cache_write_tokens", usage.CacheWriteTokens);
        w.WriteNumber("cache_write_1h_tokens", usage.CacheWrite1hTokens);
        w.WriteNumber("reasoning_tokens", usage.ReasoningTokens);
        w.WriteEndObject();
        w.WriteBoolean("priced", cost.Priced);
        if (cost.CostNanoUsd is { } nanos)
        {
            w.WriteNumber("cost_usd", NanoUsd.ToUsd(nanos));
        }
        else
        {
            w.WriteNull("cost_usd");
        }

        w.WriteStartObject("breakdown");
        foreach (var (category, part) in cost.BreakdownNanoUsd)
        {
            w.WriteNumber(category, NanoUsd.ToUsd(part));
        }

        w.WriteEndObject();
        w.WriteString("price_id", cost.PriceId);
    }

    private static void WriteHuman(CliConsole console, string provider, string model, TokenUsage usage, string serviceTier, CostResult cost)
    {
        console.Human.MarkupLineInterpolated($"[bold]{provider}[/] / [bold]{model}[/] ({serviceTier} tier)");
        if (!cost.Priced)
        {
            console.Human.MarkupLine("[yellow]unpriced[/]: no price for this model in the catalog. Add one with --pricing-config (see README, \"Prices\"). It is not counted as $0.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("category").AddColumn(new TableColumn("tokens").RightAligned()).AddColumn(new TableColumn("cost").RightAligned());
        foreach (var (category, part) in cost.BreakdownNanoUsd)
        {
            table.AddRow(category, UsdText.Tokens(TokensOf(category, usage, cost)), UsdText.FormatNano(part));
        }

        table.AddRow("[bold]total[/]", "", "[bold]" + UsdText.FormatNano(cost.CostNanoUsd ?? 0) + "[/]");
        table.Caption(Markup.Escape($"price {cost.PriceId}"));
        console.Human.Write(table);
    }

    private static long TokensOf(string category, TokenUsage usage, CostResult cost) => category switch
    {
        CostCategories.Input => usage.UncachedInputTokens,
        CostCategories.CacheRead => usage.CacheReadTokens,
        CostCategories.CacheWrite5m => usage.CacheWriteTokens,
        CostCategories.CacheWrite1h => usage.CacheWrite1hTokens,
        CostCategories.Reasoning => usage.ReasoningTokens,
        // Output is billed without reasoning only when reasoning has a price of its own.
        _ => cost.BreakdownNanoUsd.ContainsKey(CostCategories.Reasoning) ? usage.OutputTokens - usage.ReasoningTokens : usage.OutputTokens,
    };
}
