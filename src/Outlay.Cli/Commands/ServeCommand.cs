using System.CommandLine;
using Outlay.Cli.Stores;
using Outlay.Server;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary><c>outlay serve</c>: the ingest and query server on the chosen store; loopback unless told otherwise.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5318";

    public static Command Create(CliConsole console)
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Addresses to listen on (semicolon-separated). Default: http://127.0.0.1:5318 (loopback only).",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var store = CommonOptions.Store();
        var pricing = new Option<FileInfo?>("--pricing-config")
        {
            Description = "Pricing configuration file: price overrides, discounts, Azure deployment names, a LiteLLM price file to import.",
        };
        var otlpTags = new Option<string[]>("--otlp-tag")
        {
            Description = "Map an OTLP span or resource attribute to an Outlay tag, ATTRIBUTE=TAG (repeatable), e.g. app.feature=feature.",
        };
        var alertAllow = new Option<string[]>("--alert-allow")
        {
            Description = "Let alert webhooks reach this IP address or CIDR range although it is loopback, private or link-local (repeatable), e.g. 10.20.0.0/16 for an internal receiver.",
        };
        var secretKeyFile = new Option<FileInfo?>("--secret-key-file")
        {
            Description = "File with the key that encrypts alert channel secrets. Default: the SQLite store path + .key, created owner-only; a PostgreSQL store needs this or OUTLAY_SECRET_KEY for alert channels. OUTLAY_SECRET_KEY (base64) overrides.",
        };
        var publicUrl = new Option<string?>("--public-url")
        {
            Description = "The dashboard's address as people reach it, e.g. https://outlay.example.com/; finding notices then link to its Security page. Default: no link.",
        };
        var retentionDays = new Option<int?>("--raw-event-retention-days")
        {
            Description = "Delete raw events older than this many days, by whole months (rollups keep every hour, so spend and budgets do not change; re-pricing and export no longer reach them). At least 400, the oldest timestamp ingest accepts. Default: keep raw events forever.",
        };
        var logLevel = new Option<string?>("--log-level")
        {
            Description = "Lowest level of Outlay's own log lines: trace, debug, information (default), warning or error. The framework's stay at warning and above; no level logs a key, a credential or a body.",
        };
        logLevel.AcceptOnlyFromAmong("trace", "debug", "information", "warning", "error");
        var smtp = SmtpOptions.Create();
        var command = new Command("serve", "Run the Outlay server.") { urls, store, pricing, otlpTags, alertAllow, secretKeyFile, publicUrl, retentionDays, logLevel };
        smtp.AddTo(command);
        var reconcile = ReconcileServeOptions.Create();
        reconcile.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = StoreLocation.Resolve(parse.GetValue(store));
            var options = new OutlayServerOptions
            {
                Urls = parse.GetValue(urls) ?? DefaultUrls,
                Store = location.ServerStore,
                PricingConfigurationPath = parse.GetValue(pricing)?.FullName,
                SecretKeyPath = parse.GetValue(secretKeyFile)?.FullName,
                Smtp = smtp.Read(parse),
            };
            reconcile.Apply(parse, options);
            if (parse.GetValue(publicUrl) is { } publicText)
            {
                options.PublicUrl = Uri.TryCreate(publicText, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)
                    ? parsed
                    : throw new CliUsageException("--public-url must be an absolute http or https address such as https://outlay.example.com/.");
            }

            if (parse.GetValue(logLevel) is { } level)
            {
                options.MinimumLogLevel = Enum.Parse<Microsoft.Extensions.Logging.LogLevel>(level, ignoreCase: true);
            }

            if (parse.GetValue(retentionDays) is { } days)
            {
                var minimum = (int)OutlayServerOptions.MinimumRawEventRetention.TotalDays;
                options.RawEventRetention = days >= minimum
                    ? TimeSpan.FromDays(days)
                    : throw new CliUsageException($"--raw-event-retention-days must be at least {minimum}: ingest accepts events up to {minimum} days old, and a late retry of a deleted event would be counted twice.");
            }

            foreach (var entry in parse.GetValue(alertAllow) ?? [])
            {
                options.AlertTargetAllowList.Add(entry);
            }

            foreach (var mapping in parse.GetValue(otlpTags) ?? [])
            {
                var equals = mapping.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || equals == mapping.Length - 1)
                {
                    throw new CliUsageException($"--otlp-tag must look like ATTRIBUTE=TAG (got '{mapping}').");
                }

                options.OtlpTagAttributes[mapping[..equals]] = mapping[(equals + 1)..];
            }

            OutlayServerApp started;
            try
            {
                started = await OutlayServerApp.StartAsync(options, cancellationToken).ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                // The server's own validation of the settings (an allow-list entry, a limit): a usage error, not a crash.
                throw new CliUsageException(e.Message);
            }

            await using var app = started;
            console.Human.MarkupLineInterpolated($"[green]Outlay[/] is listening on {string.Join(", ", app.Addresses)} with store {location}. Press Ctrl+C to stop.");
            console.Human.MarkupLineInterpolated($"Dashboard: {app.Addresses[0]} — sign in with a read or admin key ([grey]outlay keys create --kind admin --project NAME[/] makes one).");
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return CliApplication.Success;
        });
        return command;
    }
}
