using System.CommandLine;
using System.Text.Json;
using Outlay.Cli.Output;
using Outlay.Cli.Stores;
using Outlay.Core.Alerts;
using Outlay.Core.Storage;
using Outlay.Server;
using Outlay.Server.Alerts;
using Outlay.Server.Alerts.Secrets;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay alerts channels add|list|remove|test</c>: manages alert channels offline against the store, with the
/// server's validation and encryption (the key is <c>$OUTLAY_SECRET_KEY</c>, else <c>--secret-key-file</c>, else
/// <c>&lt;store&gt;.key</c>, as <c>outlay serve</c> finds it). A webhook's signing secret is printed once, by add.
/// URLs and addresses are never printed back, only the redacted target.
/// </summary>
internal static class AlertsCommand
{
    public static Command Create(CliConsole console) =>
        new("alerts", "Alert delivery: channels (webhook, Slack, email) that receive budget alerts.")
        {
            new Command("channels", "Add, list, remove and test alert channels of a project.")
            {
                AddSubcommand(console),
                ListSubcommand(console),
                RemoveSubcommand(console),
                TestSubcommand(console),
            },
        };

    private static Option<string?> SecretKeyFile() => new("--secret-key-file")
    {
        Description = "Key file that encrypts channel settings. Default: $OUTLAY_SECRET_KEY, else <store path>.key (what `outlay serve` uses).",
    };

    private static Command AddSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = CommonOptions.Project();
        var keyFile = SecretKeyFile();
        var name = new Option<string>("--name") { Description = "A name for people (at most 100 characters).", Required = true };
        var kind = new Option<string>("--kind") { Description = "webhook (signed JSON), slack (incoming webhook) or email.", Required = true };
        var url = new Option<string?>("--url") { Description = "webhook and slack: the target URL (absolute http(s); Slack https only)." };
        var recipients = new Option<string[]>("--recipient") { Description = "email: an address to send to (repeatable, 1 to 10)." };
        var command = new Command("add", "Add an alert channel to a project (created when it does not exist); a webhook's signing secret is printed once.")
        {
            store, project, name, kind, url, recipients, keyFile, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var location = StoreLocation.Resolve(parse.GetValue(store));
            await using var opened = await StoreFactory.OpenAsync(location, cancellationToken).ConfigureAwait(false);
            var projectRecord = await opened.EnsureProjectAsync(parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var draft = new AlertChannelDraft(parse.GetValue(name), parse.GetValue(kind), parse.GetValue(url), parse.GetValue(recipients));
            var box = ChannelSecretBox.FromOptions(new OutlayServerOptions { Store = location.ServerStore, SecretKeyPath = parse.GetValue(keyFile) });
            var (channel, validated, refusal) = await AlertChannelEndpoints.AddAsync(opened, box, projectRecord.Id, draft, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            if (channel is null)
            {
                throw new CliUsageException(OptionMessage(refusal!));
            }

            var secret = validated!.Config.SigningSecret;
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w =>
                {
                    w.WritePropertyName("channel");
                    WriteChannel(w, channel, null);
                    if (secret is not null)
                    {
                        w.WriteString("signing_secret", secret);
                    }
                }).ConfigureAwait(false);
            }
            else
            {
                console.Human.MarkupLineInterpolated($"Added {channel.KindName} channel [bold]{channel.Id}[/] ({channel.Name}) to project [bold]{projectRecord.Name}[/]: {channel.DisplayTarget}");
                if (secret is not null)
                {
                    console.Human.MarkupLine("Signing secret (shown once; the receiver checks the Outlay-Signature header with it):");
                    console.Human.WriteLine(secret);
                }
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static Command ListSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = CommonOptions.Project();
        var command = new Command("list", "List a project's alert channels with their redacted target and delivery health.") { store, project, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var channels = await opened.ListAlertChannelsAsync(projectId, cancellationToken).ConfigureAwait(false);
            var health = (await opened.ListAlertChannelHealthAsync(projectId, cancellationToken).ConfigureAwait(false)).ToDictionary(h => h.ChannelId, StringComparer.Ordinal);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w =>
                {
                    w.WriteStartArray("channels");
                    foreach (var channel in channels)
                    {
                        WriteChannel(w, channel, health.GetValueOrDefault(channel.Id));
                    }

                    w.WriteEndArray();
                }).ConfigureAwait(false);
                return CliApplication.Success;
            }

            var table = new Table().AddColumns("id", "name", "kind", "target", "health");
            foreach (var channel in channels)
            {
                var item = AlertChannelHealthItem.From(health.GetValueOrDefault(channel.Id));
                var status = item.Status == AlertChannelHealthItem.Failing ? $"failing since {item.FailingSince:u}: {item.LastDetail}" : item.Status;
                table.AddRow(Markup.Escape(channel.Id), Markup.Escape(channel.Name), channel.KindName, Markup.Escape(channel.DisplayTarget), Markup.Escape(status));
            }

            console.Human.Write(table);
            return CliApplication.Success;
        });
        return command;
    }

    private static Command RemoveSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var project = CommonOptions.Project();
        var id = new Argument<string>("id") { Description = "The channel id (from `outlay alerts channels list`)." };
        var command = new Command("remove", "Remove an alert channel; its pending deliveries fail as 'channel deleted'.") { store, project, id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var channelId = parse.GetValue(id)!;
            if (channelId.Length > AlertChannelIds.MaxLength || !await opened.DeleteAlertChannelAsync(projectId, channelId, cancellationToken).ConfigureAwait(false))
            {
                await console.Error.WriteLineAsync("error: no alert channel with that id in this project.").ConfigureAwait(false);
                return CliApplication.Failure;
            }

            console.Human.MarkupLineInterpolated($"Removed alert channel [bold]{channelId}[/].");
            return CliApplication.Success;
        });
        return command;
    }

    private static Command TestSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = CommonOptions.Project();
        var id = new Argument<string>("id") { Description = "The channel id (from `outlay alerts channels list`)." };
        var command = new Command("test", "Queue a test notice to a channel; a running `outlay serve` on this store sends it within seconds.") { store, project, id, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var channelId = parse.GetValue(id)!;
            var delivery = channelId.Length <= AlertChannelIds.MaxLength
                ? await opened.QueueTestAlertDeliveryAsync(projectId, channelId, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false)
                : null;
            if (delivery is null)
            {
                await console.Error.WriteLineAsync("error: no alert channel with that id in this project.").ConfigureAwait(false);
                return CliApplication.Failure;
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w =>
                {
                    w.WriteNumber("delivery_id", delivery.Id);
                    w.WriteString("state", delivery.StateName);
                }).ConfigureAwait(false);
            }
            else
            {
                console.Human.MarkupLineInterpolated($"Queued test notice {delivery.Id} for channel [bold]{channelId}[/]; `outlay alerts channels list` shows the outcome.");
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static void WriteChannel(Utf8JsonWriter w, AlertChannel channel, AlertChannelHealth? health)
    {
        var item = AlertChannelItem.From(channel, health);
        w.WriteStartObject();
        w.WriteString("id", item.Id);
        w.WriteString("name", item.Name);
        w.WriteString("kind", item.Kind);
        w.WriteString("target", item.Target);
        w.WriteString("created_at", item.CreatedAt);
        w.WriteStartObject("health");
        w.WriteString("status", item.Health.Status);
        WriteInstant(w, "last_attempt_at", item.Health.LastAttemptAt);
        if (item.Health.LastDetail is { } detail)
        {
            w.WriteString("last_detail", detail);
        }
        else
        {
            w.WriteNull("last_detail");
        }

        WriteInstant(w, "failing_since", item.Health.FailingSince);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteInstant(Utf8JsonWriter w, string name, DateTimeOffset? instant)
    {
        if (instant is { } value)
        {
            w.WriteString(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>The validator names API fields (<c>url:</c>); the CLI names its options (<c>--url:</c>).</summary>
    private static string OptionMessage(string message) =>
        message.StartsWith("recipients:", StringComparison.Ordinal) ? "--recipient:" + message["recipients:".Length..]
        : message.StartsWith("name:", StringComparison.Ordinal) || message.StartsWith("kind:", StringComparison.Ordinal) || message.StartsWith("url:", StringComparison.Ordinal) ? "--" + message
        : message;

}
