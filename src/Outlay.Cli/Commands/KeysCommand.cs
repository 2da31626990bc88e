using System.CommandLine;
using System.Text.Json;
using Outlay.Cli.Output;
using Outlay.Cli.Stores;
using Outlay.Core.Keys;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay keys create|list|revoke</c> (and the key-label commands of <see cref="KeysCredentialCommands"/>): works offline against the store, so the first key can be made before
/// the server runs. A new key is printed once; only its hash is kept.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("keys", "Create, list and revoke Outlay keys (ingest, read, admin); see where provider credentials (key labels) are used, retire and rotate them.")
        {
            CreateSubcommand(console),
            ListSubcommand(console),
            RevokeSubcommand(console),
        };
        foreach (var credentials in KeysCredentialCommands.Create(console))
        {
            command.Subcommands.Add(credentials);
        }

        return command;
    }

    private static Command CreateSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var kind = new Option<string>("--kind")
        {
            Description = "ingest (send events), read (query spend) or admin (manage keys).",
            Required = true,
        };
        kind.AcceptOnlyFromAmong("ingest", "read", "admin");
        var project = new Option<string>("--project") { Description = "Project name; created when it does not exist.", Required = true };
        var environment = new Option<string[]>("--environment")
        {
            Description = "For ingest keys: only accept events for this environment (repeatable).",
            AllowMultipleArgumentsPerToken = false,
        };
        var name = new Option<string?>("--name") { Description = "A label to recognise the key by." };
        var command = new Command("create", "Create a key and print it once.") { store, kind, project, environment, name, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var environments = parse.GetValue(environment) ?? [];
            CredentialShapedArgument.Refuse("--project", parse.GetValue(project));
            CredentialShapedArgument.Refuse("--name", parse.GetValue(name));
            CredentialShapedArgument.Refuse("--environment", environments);
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectRecord = await opened.EnsureProjectAsync(parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var keyKind = ParseKind(parse.GetValue(kind)!);
            var (keyText, record) = ApiKeyFactory.Create(keyKind, projectRecord.Id, environments, parse.GetValue(name), DateTimeOffset.UtcNow);
            await opened.AddKeyAsync(record, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w =>
                {
                    w.WriteString("key", keyText);
                    w.WriteString("id", record.KeyId);
                    w.WriteString("kind", KindName(record.Kind));
                    w.WriteString("project", projectRecord.Name);
                }).ConfigureAwait(false);
            }
            else
            {
                console.Human.MarkupLineInterpolated($"Created {KindName(record.Kind)} key [bold]{record.KeyId}[/] for project [bold]{projectRecord.Name}[/]. It is shown only this once:");
                console.Human.WriteLine(keyText);
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static Command ListSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = new Option<string?>("--project") { Description = "Only this project's keys." };
        var command = new Command("list", "List keys (never the keys themselves).") { store, project, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            string? projectId = null;
            var projectName = parse.GetValue(project);
            if (projectName is not null)
            {
                projectId = await StoreProjects.RequireIdAsync(opened, projectName, cancellationToken).ConfigureAwait(false);
            }

            var keys = await opened.ListKeysAsync(projectId, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w =>
                {
                    w.WriteStartArray("keys");
                    foreach (var key in keys)
                    {
                        w.WriteStartObject();
                        w.WriteString("id", key.KeyId);
                        w.WriteString("project_id", key.ProjectId);
                        w.WriteString("kind", KindName(key.Kind));
                        w.WriteStartArray("environments");
                        foreach (var env in key.Environments)
                        {
                            w.WriteStringValue(env);
                        }

                        w.WriteEndArray();
                        w.WriteString("name", key.Name);
                        w.WriteString("created_at", key.CreatedAt);
                        if (key.RevokedAt is { } revoked)
                        {
                            w.WriteString("revoked_at", revoked);
                        }
                        else
                        {
                            w.WriteNull("revoked_at");
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }).ConfigureAwait(false);
                return CliApplication.Success;
            }

            var table = new Table().AddColumns("id", "project", "kind", "environments", "name", "created", "revoked");
            foreach (var key in keys)
            {
                table.AddRow(
                    Markup.Escape(key.KeyId),
                    Markup.Escape(key.ProjectId),
                    KindName(key.Kind),
                    Markup.Escape(key.Environments.Count == 0 ? "any" : string.Join(", ", key.Environments)),
                    Markup.Escape(key.Name ?? ""),
                    key.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                    key.RevokedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }

            console.Human.Write(table);
            return CliApplication.Success;
        });
        return command;
    }

    private static Command RevokeSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var id = new Argument<string>("id") { Description = "The key id (from `outlay keys list`)." };
        var command = new Command("revoke", "Revoke a key; requests with it are refused from then on.") { store, id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keyId = parse.GetValue(id)!;
            CredentialShapedArgument.Refuse("the key id", keyId);
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            if (!await opened.RevokeKeyAsync(keyId, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false))
            {
                await console.Error.WriteLineAsync($"error: no active key with id '{keyId}'.").ConfigureAwait(false);
                return CliApplication.Failure;
            }

            console.Human.MarkupLineInterpolated($"Revoked key [bold]{keyId}[/].");
            return CliApplication.Success;
        });
        return command;
    }

    internal static ApiKeyKind ParseKind(string text) => text switch
    {
        "ingest" => ApiKeyKind.Ingest,
        "read" => ApiKeyKind.Read,
        "admin" => ApiKeyKind.Admin,
        _ => throw new CliUsageException($"--kind must be ingest, read or admin (got '{text}')."),
    };

    internal static string KindName(ApiKeyKind kind) => kind switch
    {
        ApiKeyKind.Ingest => "ingest",
        ApiKeyKind.Read => "read",
        _ => "admin",
    };
}
