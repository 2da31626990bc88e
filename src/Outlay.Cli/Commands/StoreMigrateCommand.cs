using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Outlay.Cli.Output;
using Outlay.Cli.Stores;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay store migrate --from S1 --to S2</c>: copies everything a server needs from one store to another (any two
/// engines), resumable, verified by totals. Exit 0 when every total matches, 1 when one differs, 2 when refused.
/// </summary>
internal static class StoreMigrateCommand
{
    public static Command Create(CliConsole console)
    {
        var from = new Option<string>("--from") { Description = "The store to copy from, written as --store takes it (sqlite:PATH or postgres:CONNECTION-STRING).", Required = true };
        var to = new Option<string>("--to") { Description = "The store to copy into (created and migrated when new); same forms as --from.", Required = true };
        var pageSize = new Option<int>("--page-size")
        {
            Description = "Events per page: one read at the source, one transaction at the destination, one checkpoint (1–10000). Default: 5000.",
            DefaultValueFactory = _ => StoreMigration.DefaultPageSize,
        };
        var json = CommonOptions.Json();
        var command = new Command(
            "migrate",
            "Copy every project, key, budget, alert history, channel, finding, retirement, provider usage row and event from one store to another; run it again to resume or catch up.")
        {
            from, to, pageSize, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var size = parse.GetValue(pageSize);
            if (size is < 1 or > Core.Storage.Transfer.IStoreExport.MaxPageSize)
            {
                throw new CliUsageException("--page-size must be between 1 and 10000.");
            }

            var source = Parse(parse.GetValue(from)!, "--from");
            var destination = Parse(parse.GetValue(to)!, "--to");
            if (string.Equals(source.ToString(), destination.ToString(), StringComparison.Ordinal))
            {
                throw new CliUsageException($"--from and --to are the same store ({source}).");
            }

            return await RunAsync(console, source, destination, size, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs a migration; <paramref name="afterPage"/> (tests) sees each committed page.</summary>
    internal static async Task<int> RunAsync(
        CliConsole console, StoreLocation source, StoreLocation destination, int pageSize, bool json, CancellationToken cancellationToken,
        Action<StoreMigrationProgress>? afterPage = null)
    {
        await using var from = await StoreFactory.OpenAsync(source, cancellationToken).ConfigureAwait(false);
        await using var into = await StoreFactory.OpenAsync(destination, cancellationToken).ConfigureAwait(false);
        var human = console.Human;
        var clock = Stopwatch.StartNew();
        var plainEvery = Stopwatch.StartNew();
        var interactive = !json && human.Profile.Capabilities.Interactive;
        ProgressTask? bar = null;
        var migration = new StoreMigration(from, source.ToString(), into, destination.ToString())
        {
            PageSize = pageSize,
            Progress = p =>
            {
                afterPage?.Invoke(p);
                var rate = Rate(p.EventsCopied, clock.Elapsed);
                if (bar is not null)
                {
                    bar.MaxValue = Math.Max(1, p.EventsTotal);
                    bar.Value = p.EventsCopied;
                    bar.Description = $"{Markup.Escape(p.ProjectName)}: {rate} events/s";
                }
                else if (!json && (plainEvery.Elapsed >= TimeSpan.FromSeconds(2) || p.EventsCopied == p.EventsTotal))
                {
                    plainEvery.Restart();
                    human.WriteLine(FormattableString.Invariant($"{p.ProjectName}: {p.EventsCopied:N0} / {p.EventsTotal:N0} events ({rate} events/s)"));
                }
            },
        };

        if (!json)
        {
            human.MarkupLineInterpolated($"Migrating [bold]{source.ToString()}[/] → [bold]{destination.ToString()}[/]");
        }

        var projects = await migration.CheckAsync(cancellationToken).ConfigureAwait(false);
        (long Read, long Appended) copied;
        if (interactive)
        {
            copied = await human.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    bar = context.AddTask("events", maxValue: 1);
                    return await migration.CopyAsync(projects, cancellationToken).ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        else
        {
            copied = await migration.CopyAsync(projects, cancellationToken).ConfigureAwait(false);
        }

        var elapsed = clock.Elapsed;
        var differences = await migration.VerifyAsync(projects, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            await JsonOutput.WriteAsync(console, w => WriteJson(w, source, destination, projects.Count, copied, elapsed, migration, differences)).ConfigureAwait(false);
        }
        else
        {
            WriteHuman(human, projects.Count, copied, elapsed, migration, differences);
        }

        return differences.Count == 0 ? CliApplication.Success : CliApplication.Failure;
    }

    private static StoreLocation Parse(string text, string option)
    {
        try
        {
            return StoreLocation.Parse(text);
        }
        catch (StoreLocationException e)
        {
            throw new CliUsageException(option + e.Message["--store".Length..]);
        }
    }

    private static string Rate(long events, TimeSpan elapsed) =>
        elapsed.TotalSeconds <= 0 ? "0" : ((long)(events / elapsed.TotalSeconds)).ToString("N0", CultureInfo.InvariantCulture);

    private static void WriteHuman(
        IAnsiConsole human, int projects, (long Read, long Appended) copied, TimeSpan elapsed, StoreMigration migration,
        IReadOnlyList<StoreMigrationDifference> differences)
    {
        human.WriteLine(FormattableString.Invariant(
            $"Copied {projects} projects; {copied.Read:N0} events read in this run, {copied.Appended:N0} new at the destination, in {elapsed.TotalSeconds:0.0} s ({Rate(copied.Read, elapsed)} events/s)."));
        if (migration.CopiedChannels)
        {
            human.WriteLine("Alert channel settings were copied still sealed: run the destination's server with the same OUTLAY_SECRET_KEY (or secret key file) as the source's.");
        }

        human.WriteLine(FormattableString.Invariant(
            $"Not copied: {migration.PendingDeliveriesLeft:N0} pending alert deliveries (the source's server sends them; alert and finding history is copied, so nothing fires again) and dashboard sessions (sign in again)."));
        if (differences.Count == 0)
        {
            human.MarkupLine("[green]Verified:[/] every project's event count, cost, tokens and row counts match.");
            return;
        }

        var table = new Table().AddColumns("Project", "Total", "Source", "Destination");
        foreach (var d in differences)
        {
            table.AddRow(Markup.Escape(d.Project), d.Total, d.Source.ToString("N0", CultureInfo.InvariantCulture), d.Destination.ToString("N0", CultureInfo.InvariantCulture));
        }

        human.MarkupLine("[red]Verification failed:[/] the destination differs from the source.");
        human.Write(table);
    }

    private static void WriteJson(
        Utf8JsonWriter w, StoreLocation source, StoreLocation destination, int projects, (long Read, long Appended) copied, TimeSpan elapsed,
        StoreMigration migration, IReadOnlyList<StoreMigrationDifference> differences)
    {
        w.WriteString("from", source.ToString());
        w.WriteString("to", destination.ToString());
        w.WriteNumber("projects", projects);
        w.WriteNumber("events_read", copied.Read);
        w.WriteNumber("events_appended", copied.Appended);
        w.WriteNumber("seconds", Math.Round(elapsed.TotalSeconds, 3));
        w.WriteNumber("pending_deliveries_not_copied", migration.PendingDeliveriesLeft);
        w.WriteBoolean("channels_need_same_secret_key", migration.CopiedChannels);
        w.WriteBoolean("verified", differences.Count == 0);
        w.WriteStartArray("differences");
        foreach (var d in differences)
        {
            w.WriteStartObject();
            w.WriteString("project", d.Project);
            w.WriteString("total", d.Total);
            w.WriteNumber("source", d.Source);
            w.WriteNumber("destination", d.Destination);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
