using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Outlay.Cli.Stores;
using Outlay.Core.Reconciliation;
using Outlay.Server.Reconciliation;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay import usage FILE</c>: a provider's own usage export (OpenAI usage API JSON, Anthropic usage report JSON,
/// or Outlay's CSV), stored and reconciled with the tracked usage of the days it covers, against a store directly or
/// through a server's admin API (<c>--server</c>).
/// </summary>
internal static class ImportCommand
{
    /// <summary>The environment variable holding the admin key for <c>--server</c>.</summary>
    public const string AdminKeyEnvironmentVariable = "OUTLAY_ADMIN_KEY";

    public static Command Create(CliConsole console) =>
        new("import", "Import data from elsewhere.") { UsageSubcommand(console) };

    private static Command UsageSubcommand(CliConsole console)
    {
        var file = new Argument<FileInfo>("file") { Description = "The export: OpenAI usage API JSON, Anthropic usage report JSON, or CSV (at most 50 MB)." };
        var format = new Option<string?>("--format") { Description = "openai, anthropic or csv. Default: recognised from the file." };
        format.AcceptOnlyFromAmong([.. UsageImportFormats.All]);
        var provider = new Option<string?>("--provider") { Description = "Refuse the file unless all its usage is of this provider." };
        var store = CommonOptions.Store();
        var project = CommonOptions.Project();
        var server = new Option<string?>("--server") { Description = "Import through a running server instead of a store, e.g. http://127.0.0.1:5318 (the admin key's project)." };
        var key = new Option<string?>("--key") { Description = $"Admin key for --server. Default: ${AdminKeyEnvironmentVariable}." };
        var json = CommonOptions.Json();
        var command = new Command("usage", "Import a provider's usage export and reconcile it with tracked usage; raises untracked usage findings.")
        {
            file, format, provider, store, project, server, key, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliUsageException($"no such file: {path.FullName}");
            }

            if (path.Length > UsageImportLimits.MaxBytes)
            {
                throw new CliUsageException($"{path.Name} is larger than {UsageImportLimits.MaxBytes / (1024 * 1024)} MB.");
            }

            var content = await File.ReadAllBytesAsync(path.FullName, ct).ConfigureAwait(false);
            var summary = parse.GetValue(server) is { } serverText
                ? await ImportThroughServerAsync(ServerRequest.ParseServer(serverText), ServerRequest.RequireKey(parse.GetValue(key), "an admin", AdminKeyEnvironmentVariable), content, parse.GetValue(format), parse.GetValue(provider), ct).ConfigureAwait(false)
                : await ImportIntoStoreAsync(parse.GetValue(store), parse.GetValue(project)!, content, parse.GetValue(format), parse.GetValue(provider), ct).ConfigureAwait(false);
            await WriteAsync(console, summary, parse.GetValue(json)).ConfigureAwait(false);
            return CliApplication.Success;
        });
        return command;
    }

    private static async Task<UsageImportResponse> ImportIntoStoreAsync(string? storeText, string projectName, byte[] content, string? format, string? provider, CancellationToken ct)
    {
        string? expected = null;
        if (provider is not null)
        {
            expected = ProviderKeyMappingRules.Provider(provider, out var error) ?? throw new CliUsageException("--" + error);
        }

        var now = DateTimeOffset.UtcNow;
        ProviderUsageImport import;
        try
        {
            import = ProviderUsageImporter.Read(content, format, now);
        }
        catch (UsageImportException e)
        {
            throw new CliUsageException(e.Message);
        }

        if (expected is not null && import.Records.FirstOrDefault(r => r.Provider != expected) is { } other)
        {
            throw new CliUsageException($"--provider is {expected}, but the file holds usage of {other.Provider}.");
        }

        await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(storeText), ct).ConfigureAwait(false);
        var projectId = await StoreProjects.RequireIdAsync(opened, projectName, ct).ConfigureAwait(false);
        var outcome = await UsageReconciliation.StoreAndReconcileAsync(opened, projectId, import.Records, now, logger: null, ct).ConfigureAwait(false);
        return new UsageImportResponse(
            import.Format,
            import.RowsRead,
            outcome.Records,
            outcome.Stored,
            outcome.Days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
            outcome.UntrackedUsage,
            outcome.NewFindings);
    }

    private static async Task<UsageImportResponse> ImportThroughServerAsync(Uri server, string key, byte[] content, string? format, string? provider, CancellationToken ct)
    {
        var query = "api/v1/provider-usage/import";
        var parameters = new List<string>();
        if (format is not null)
        {
            parameters.Add("format=" + Uri.EscapeDataString(format));
        }

        if (provider is not null)
        {
            parameters.Add("provider=" + Uri.EscapeDataString(provider));
        }

        if (parameters.Count > 0)
        {
            query += "?" + string.Join('&', parameters);
        }

        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(LooksLikeJson(content) ? "application/json" : "text/csv");
        var answer = await ServerRequest.SendAsync(server, key, HttpMethod.Post, query, body, TimeSpan.FromMinutes(5), ct).ConfigureAwait(false);
        return JsonSerializer.Deserialize(answer, ReconciliationJsonContext.Default.UsageImportResponse)
            ?? throw new InvalidOperationException("The server's answer was empty.");
    }

    private static bool LooksLikeJson(byte[] content) =>
        content.AsSpan().TrimStart("\xEF\xBB\xBF \t\r\n"u8) is [(byte)'{' or (byte)'[', ..];

    private static async Task WriteAsync(CliConsole console, UsageImportResponse summary, bool json)
    {
        if (json)
        {
            await console.Json.WriteLineAsync(JsonSerializer.Serialize(summary, ReconciliationJsonContext.Default.UsageImportResponse)).ConfigureAwait(false);
            return;
        }

        var days = summary.Days.Count == 0 ? "no days" : summary.Days.Count == 1 ? summary.Days[0] : $"{summary.Days[0]} to {summary.Days[^1]}";
        console.Human.MarkupLineInterpolated($"Imported {summary.Records} records ({summary.Format}, {summary.RowsRead} rows) covering {days}.");
        if (summary.UntrackedUsage == 0)
        {
            console.Human.MarkupLine("No untracked usage: every mapped key's provider usage is explained by tracked events.");
        }
        else
        {
            console.Human.MarkupLineInterpolated($"[red]Untracked usage[/] on {summary.UntrackedUsage} key-days ({summary.NewFindings} new findings): see [grey]outlay reconcile report[/] and the Security page.");
        }
    }
}
