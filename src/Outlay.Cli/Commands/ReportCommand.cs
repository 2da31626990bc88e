using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Outlay.Cli.Output;
using Outlay.Cli.Stores;
using Outlay.Core.Querying;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay report</c>: spend grouped by any dimensions, from a store directly or from a server's
/// <c>/api/v1/spend</c>. Both paths run the same query code, so the numbers agree to the nano-dollar.
/// </summary>
internal static class ReportCommand
{
    public const string KeyEnvironmentVariable = "OUTLAY_KEY";

    public static Command Create(CliConsole console)
    {
        var store = CommonOptions.Store();
        var project = CommonOptions.Project();
        var json = CommonOptions.Json();
        var server = new Option<string?>("--server") { Description = "Query a running server instead of a store, e.g. http://127.0.0.1:5318." };
        var key = new Option<string?>("--key") { Description = $"Read key for --server. Default: ${KeyEnvironmentVariable} (keeps the key out of shell history)." };
        var since = new Option<string>("--since")
        {
            Description = "Start: a duration back from now (30m, 24h, 7d, 4w) or an ISO date/time. Default: 7d.",
            DefaultValueFactory = _ => "7d",
        };
        var until = new Option<string?>("--until") { Description = "End (exclusive), same forms as --since. Default: now." };
        var by = new Option<string?>("--by")
        {
            Description = "Group by, comma-separated: provider, model, operation, service, environment, key_label, status, service_tier, tag.<name>.",
        };
        var interval = new Option<string?>("--interval") { Description = "hour or day: one row per bucket." };
        interval.AcceptOnlyFromAmong("hour", "day");
        var filter = new Option<string[]>("--filter") { Description = "DIMENSION:VALUE or DIMENSION:V1|V2 (repeatable)." };
        var timeZone = new Option<string?>("--time-zone")
        {
            Description = "IANA time zone such as Europe/Berlin: --interval day follows its local days, dates without an offset are local to it. Default: UTC.",
        };

        var command = new Command("report", "Show spend grouped by model, feature, customer, service, environment or any tag.")
        {
            store, project, server, key, since, until, by, interval, filter, timeZone, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var filters = parse.GetValue(filter) ?? [];
            var query = SpendQueryParser.Parse(parse.GetValue(since), parse.GetValue(until), parse.GetValue(by), parse.GetValue(interval), filters, DateTimeOffset.UtcNow, parse.GetValue(timeZone));
            var dimensions = query.GroupBy.Select(d => d.Name).ToList();
            var series = query.Interval != SpendInterval.None;

            var serverText = parse.GetValue(server);
            if (serverText is not null)
            {
                if (!Uri.TryCreate(serverText, UriKind.Absolute, out var serverUri) || serverUri.Scheme is not ("http" or "https"))
                {
                    throw new CliUsageException($"--server must be an http(s) address such as http://127.0.0.1:5318 (got '{serverText}').");
                }

                var body = await FetchFromServerAsync(
                    serverUri,
                    parse.GetValue(key) ?? Environment.GetEnvironmentVariable(KeyEnvironmentVariable),
                    parse,
                    since,
                    until,
                    by,
                    interval,
                    timeZone,
                    filters,
                    cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    await console.Json.WriteLineAsync(body).ConfigureAwait(false);
                }
                else
                {
                    using var document = JsonDocument.Parse(body);
                    console.Human.Write(SpendTable.Build(SpendResponseReader.Read(document.RootElement), dimensions, series, timeZone: query.TimeZone));
                }

                return CliApplication.Success;
            }

            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var result = await SpendQueries.RunAsync(opened, projectId, query, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                using var buffer = new MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    SpendResultJson.Write(writer, result, query);
                }

                await console.Json.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
            }
            else
            {
                console.Human.Write(SpendTable.Build(result, dimensions, series, timeZone: query.TimeZone));
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static async Task<string> FetchFromServerAsync(
        Uri server,
        string? key,
        ParseResult parse,
        Option<string> since,
        Option<string?> until,
        Option<string?> by,
        Option<string?> interval,
        Option<string?> timeZone,
        IReadOnlyList<string> filters,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new CliUsageException($"--server needs a read key: --key KEY or ${KeyEnvironmentVariable}.");
        }

        var query = new StringBuilder("api/v1/spend?from=").Append(Uri.EscapeDataString(parse.GetValue(since) ?? "7d"));
        Append(query, "to", parse.GetValue(until));
        Append(query, "groupBy", parse.GetValue(by));
        Append(query, "interval", parse.GetValue(interval));
        Append(query, "timeZone", parse.GetValue(timeZone));
        foreach (var f in filters)
        {
            Append(query, "filter", f);
        }

        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, query.ToString());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new CliUsageException($"the server answered {(int)response.StatusCode} {response.ReasonPhrase}: {Truncate(body)}");
        }

        return body;
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
