using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Outlay.Cli.Stores;
using Outlay.Core.Querying;
using Outlay.Core.Reconciliation;
using Outlay.Server.Reconciliation;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay reconcile report|map|unmap</c>: the provider's own usage against tracked usage, and which provider key id
/// (or project id) is which key label; against a store, or a running server with <c>--server</c>.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create(CliConsole console) =>
        new("reconcile", "Compare the providers' own usage records with tracked usage, and map provider key ids to key labels.")
        {
            ReportSubcommand(console),
            MapSubcommand(console),
            UnmapSubcommand(console),
        };

    private static Command ReportSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var project = CommonOptions.Project();
        var json = CommonOptions.Json();
        var (server, key) = ServerOptions("Read");
        var from = new Option<string?>("--from") { Description = "First day: an ISO date or a duration back from now (7d). Default: 7 days ago." };
        var to = new Option<string?>("--to") { Description = "End (exclusive), same forms. Default: the end of today (UTC)." };
        var command = new Command("report", "Provider-reported vs tracked tokens and cost per UTC day × provider × model × key, with the gap and its likely cause.")
        {
            store, project, server, key, from, to, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            ReconciliationReportResponse report;
            if (parse.GetValue(server) is { } serverText)
            {
                var query = new StringBuilder("api/v1/reconciliation?");
                AppendQuery(query, "from", parse.GetValue(from));
                AppendQuery(query, "to", parse.GetValue(to));
                var body = await ServerRequest.SendAsync(
                    ServerRequest.ParseServer(serverText), ServerRequest.RequireKey(parse.GetValue(key), "a read", ReportCommand.KeyEnvironmentVariable),
                    HttpMethod.Get, query.ToString().TrimEnd('?', '&'), null, TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
                report = JsonSerializer.Deserialize(body, ReconciliationJsonContext.Default.ReconciliationReportResponse)
                    ?? throw new InvalidOperationException("The server's answer was empty.");
            }
            else
            {
                var now = DateTimeOffset.UtcNow;
                var (start, end) = ReconciliationRange.Parse(parse.GetValue(from), parse.GetValue(to), now);
                await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), ct).ConfigureAwait(false);
                var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, ct).ConfigureAwait(false);
                report = await ReconciliationReports.BuildAsync(opened, projectId, start, end, now, ct).ConfigureAwait(false);
            }

            if (parse.GetValue(json))
            {
                await console.Json.WriteLineAsync(JsonSerializer.Serialize(report, ReconciliationJsonContext.Default.ReconciliationReportResponse)).ConfigureAwait(false);
            }
            else
            {
                WriteTable(console, report);
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static Command MapSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var project = CommonOptions.Project();
        var (server, key) = ServerOptions("Admin");
        var provider = new Argument<string>("provider") { Description = "The provider: openai, anthropic, or as the CSV names it." };
        var reference = new Argument<string>("ref") { Description = "The provider's key id (key_…, apikey_…) or project/workspace id; never the key itself." };
        var label = new Argument<string>("label") { Description = "The Outlay key label it stands for." };
        var command = new Command("map", "Map a provider key id or project id to a key label (replaces an earlier mapping of it).")
        {
            store, project, server, key, provider, reference, label,
        };
        command.SetAction(async (parse, ct) =>
        {
            var normalized = Validate(parse.GetValue(provider), parse.GetValue(reference), out var providerRef);
            var keyLabel = ProviderKeyMappingRules.Text(parse.GetValue(label), "label", out var error) ?? throw new CliUsageException(error!);
            if (parse.GetValue(server) is { } serverText)
            {
                var body = JsonSerializer.Serialize(new PutProviderKeyMappingRequest(normalized, providerRef, keyLabel), ReconciliationJsonContext.Default.PutProviderKeyMappingRequest);
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                await ServerRequest.SendAsync(
                    ServerRequest.ParseServer(serverText), ServerRequest.RequireKey(parse.GetValue(key), "an admin", ImportCommand.AdminKeyEnvironmentVariable),
                    HttpMethod.Put, "api/v1/provider-key-mappings", content, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            }
            else
            {
                await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), ct).ConfigureAwait(false);
                var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, ct).ConfigureAwait(false);
                var existing = await opened.ListProviderKeyMappingsAsync(projectId, ct).ConfigureAwait(false);
                if (existing.Count >= ProviderKeyMappingRules.MaxPerProject && !existing.Any(m => m.Provider == normalized && m.ProviderRef == providerRef))
                {
                    throw new CliUsageException($"a project holds at most {ProviderKeyMappingRules.MaxPerProject} mappings; unmap one first.");
                }

                await opened.SetProviderKeyMappingAsync(new ProviderKeyMapping(projectId, normalized, providerRef, keyLabel, DateTimeOffset.UtcNow), ct).ConfigureAwait(false);
            }

            console.Human.MarkupLineInterpolated($"Mapped {normalized} [bold]{providerRef}[/] to key label [bold]{keyLabel}[/].");
            return CliApplication.Success;
        });
        return command;
    }

    private static Command UnmapSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var project = CommonOptions.Project();
        var (server, key) = ServerOptions("Admin");
        var provider = new Argument<string>("provider") { Description = "The provider." };
        var reference = new Argument<string>("ref") { Description = "The provider's key id or project id." };
        var command = new Command("unmap", "Remove the mapping of a provider key id or project id.") { store, project, server, key, provider, reference };
        command.SetAction(async (parse, ct) =>
        {
            var normalized = Validate(parse.GetValue(provider), parse.GetValue(reference), out var providerRef);
            if (parse.GetValue(server) is { } serverText)
            {
                await ServerRequest.SendAsync(
                    ServerRequest.ParseServer(serverText), ServerRequest.RequireKey(parse.GetValue(key), "an admin", ImportCommand.AdminKeyEnvironmentVariable),
                    HttpMethod.Delete, $"api/v1/provider-key-mappings?provider={Uri.EscapeDataString(normalized)}&ref={Uri.EscapeDataString(providerRef)}", null, TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            }
            else
            {
                await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), ct).ConfigureAwait(false);
                var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, ct).ConfigureAwait(false);
                if (!await opened.DeleteProviderKeyMappingAsync(projectId, normalized, providerRef, ct).ConfigureAwait(false))
                {
                    await console.Error.WriteLineAsync($"error: no mapping of {normalized} '{providerRef}' in this project.").ConfigureAwait(false);
                    return CliApplication.Failure;
                }
            }

            console.Human.MarkupLineInterpolated($"Unmapped {normalized} [bold]{providerRef}[/].");
            return CliApplication.Success;
        });
        return command;
    }

    private static (Option<string?> Server, Option<string?> Key) ServerOptions(string kind)
    {
        var variable = kind == "Read" ? ReportCommand.KeyEnvironmentVariable : ImportCommand.AdminKeyEnvironmentVariable;
        return (
            new Option<string?>("--server") { Description = "Use a running server instead of a store, e.g. http://127.0.0.1:5318 (the key's project)." },
            new Option<string?>("--key") { Description = $"{kind} key for --server. Default: ${variable}." });
    }

    private static string Validate(string? provider, string? reference, out string providerRef)
    {
        var normalized = ProviderKeyMappingRules.Provider(provider, out var error) ?? throw new CliUsageException(error!);
        providerRef = ProviderKeyMappingRules.Text(reference, "ref", out error) ?? throw new CliUsageException(error!);
        return normalized;
    }

    private static void AppendQuery(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }
    }

    private static void WriteTable(CliConsole console, ReconciliationReportResponse report)
    {
        console.Human.MarkupLineInterpolated($"Reconciliation {report.From} to {report.To} (UTC days, end exclusive).");
        if (report.Rows.Count == 0)
        {
            console.Human.MarkupLine("No provider usage in this range: import an export (outlay import usage FILE) or configure the admin API pull.");
            return;
        }

        var table = new Table().AddColumns("day", "provider", "key", "model", "provider tokens", "tracked tokens", "gap", "provider cost", "tracked cost", "cause");
        foreach (var row in report.Rows)
        {
            var key = row.KeyLabel is null ? $"{row.ProviderRef} (unmapped)" : $"{row.KeyLabel} ({row.ProviderRef})";
            table.AddRow(
                row.Day,
                Markup.Escape(row.Provider),
                Markup.Escape(key),
                Markup.Escape(row.Model.Length == 0 ? "(all)" : row.Model),
                UsdText.Tokens(row.ProviderInputTokens + row.ProviderOutputTokens),
                UsdText.Tokens(row.TrackedInputTokens + row.TrackedOutputTokens),
                UsdText.Tokens(row.GapTokens) + (row.GapPercent is { } percent ? $" ({percent.ToString("0.#", CultureInfo.InvariantCulture)}%)" : string.Empty),
                row.ProviderCostUsd is { } cost ? UsdText.Format(cost) : "—",
                UsdText.Format(row.TrackedCostUsd),
                row.Cause == ReconciliationCauses.Match ? "match" : $"[yellow]{Markup.Escape(row.Cause)}[/]");
        }

        console.Human.Write(table);
        if (report.UntrackedUsage > 0)
        {
            console.Human.MarkupLineInterpolated($"[red]Untracked usage[/] on {report.UntrackedUsage} key-days: the provider reports usage on a mapped key that tracked events do not explain.");
        }
    }
}
