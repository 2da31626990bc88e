using System.CommandLine;
using System.Globalization;
using Outlay.Cli.Output;
using Outlay.Cli.Stores;
using Outlay.Core.Credentials;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay keys where|labels|retire|unretire|rotation</c>: the provider-credential inventory (by key label) read and
/// changed offline against the store, with the same views as <c>/api/v1/credentials</c>.
/// </summary>
internal static class KeysCredentialCommands
{
    private const string Unset = "(none)";

    public static IEnumerable<Command> Create(CliConsole console) =>
    [
        WhereSubcommand(console),
        LabelsSubcommand(console),
        RetireSubcommand(console),
        UnretireSubcommand(console),
        RotationSubcommand(console),
    ];

    private static Argument<string> LabelArgument(string description) => new("label") { Description = description };

    private static Command WhereSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = CommonOptions.Project();
        var label = LabelArgument("The provider credential's key label (as the SDK's KeyLabel sends it).");
        var command = new Command("where", "Where a provider credential (key label) is used: each service, environment, instance and model, with first and last seen and spend per day.")
        {
            label, store, project, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keyLabel = RequireLabel(parse.GetValue(label));
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectName = parse.GetValue(project)!;
            var projectId = await StoreProjects.RequireIdAsync(opened, projectName, cancellationToken).ConfigureAwait(false);
            var entry = await ReadOneAsync(opened, projectId, keyLabel, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                await console.Error.WriteLineAsync($"error: key label '{keyLabel}' has not been seen or retired in project '{projectName}'.").ConfigureAwait(false);
                return CliApplication.Failure;
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w => CredentialJson.WriteEntry(w, entry, withPlaces: true)).ConfigureAwait(false);
                return CliApplication.Success;
            }

            WriteWhere(console, entry);
            return CliApplication.Success;
        });
        return command;
    }

    private static Command LabelsSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = CommonOptions.Project();
        var command = new Command("labels", "The provider-credential inventory: every key label with its state, where it is used and its spend over 30 days.")
        {
            store, project, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var inventory = await CredentialViews.ReadInventoryAsync(opened, projectId, null, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w =>
                {
                    w.WriteStartArray("credentials");
                    foreach (var entry in inventory)
                    {
                        w.WriteStartObject();
                        CredentialJson.WriteEntry(w, entry, withPlaces: false);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }).ConfigureAwait(false);
                return CliApplication.Success;
            }

            var table = new Table().AddColumns("key label", "state", "services", "environments", "instances", "models", "first seen", "last seen", "events", "30 days");
            foreach (var e in inventory)
            {
                table.AddRow(
                    Markup.Escape(e.KeyLabel),
                    Markup.Escape(StateText(e)),
                    Markup.Escape(Values(e.Services)),
                    Markup.Escape(Values(e.Environments)),
                    Markup.Escape(Values(e.Instances)),
                    Markup.Escape(Values(e.Models)),
                    Time(e.FirstSeen),
                    Time(e.LastSeen),
                    UsdText.Tokens(e.Events),
                    UsdText.FormatNano(e.DailySpend.Sum(d => d.CostNanoUsd)));
            }

            console.Human.Write(table);
            return CliApplication.Success;
        });
        return command;
    }

    private static Command RetireSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = CommonOptions.Project();
        var label = LabelArgument("The key label to retire.");
        var at = new Option<string?>("--at") { Description = "From when it must no longer be used: ISO-8601 (UTC unless an offset is given) or a duration back such as 2h. Default: now." };
        var replacedBy = new Option<string?>("--replaced-by") { Description = "The key label replacing it (for `outlay keys rotation`)." };
        var note = new Option<string?>("--note") { Description = "Why (at most 500 characters)." };
        var command = new Command("retire", "Mark a key label retired; any event with it from then on raises a \"retired credential still in use\" finding.")
        {
            label, store, project, at, replacedBy, note, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.UtcNow;
            CredentialRetirement retirement;
            try
            {
                retirement = CredentialRetirementParser.Parse(projectId, parse.GetValue(label), parse.GetValue(at), parse.GetValue(replacedBy), parse.GetValue(note), now, createdBy: null);
            }
            catch (CredentialValidationException e)
            {
                throw new CliUsageException(OptionMessage(e));
            }

            await opened.SetCredentialRetirementAsync(retirement, cancellationToken).ConfigureAwait(false);
            var entry = (await ReadOneAsync(opened, projectId, retirement.KeyLabel, cancellationToken).ConfigureAwait(false))!;
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w => CredentialJson.WriteEntry(w, entry, withPlaces: true)).ConfigureAwait(false);
                return CliApplication.Success;
            }

            var replaced = retirement.ReplacedBy is null ? "" : $", replaced by {retirement.ReplacedBy}";
            console.Human.MarkupLineInterpolated($"Retired key label [bold]{retirement.KeyLabel}[/] from {Time(retirement.RetiredAt)}{replaced}.");
            if (entry.State == CredentialState.RetiredInUse)
            {
                var places = entry.Places.Count(entry.IsUsedAfterRetirement);
                console.Human.MarkupLineInterpolated($"[yellow]Still in use[/] since {Time(entry.InUseSince)} in {places} place(s): `outlay keys where {retirement.KeyLabel}` lists them.");
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static Command UnretireSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var project = CommonOptions.Project();
        var label = LabelArgument("The retired key label.");
        var command = new Command("unretire", "Un-retire a key label.") { label, store, project };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var keyLabel = RequireLabel(parse.GetValue(label));
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectName = parse.GetValue(project)!;
            var projectId = await StoreProjects.RequireIdAsync(opened, projectName, cancellationToken).ConfigureAwait(false);
            if (!await opened.DeleteCredentialRetirementAsync(projectId, keyLabel, cancellationToken).ConfigureAwait(false))
            {
                await console.Error.WriteLineAsync($"error: key label '{keyLabel}' is not retired in project '{projectName}'.").ConfigureAwait(false);
                return CliApplication.Failure;
            }

            console.Human.MarkupLineInterpolated($"Un-retired key label [bold]{keyLabel}[/].");
            return CliApplication.Success;
        });
        return command;
    }

    private static Command RotationSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = CommonOptions.Project();
        var label = LabelArgument("The key label being replaced.");
        var to = new Option<string?>("--to") { Description = "The key label replacing it. Default: the replacement named when it was retired." };
        var command = new Command("rotation", "For a key label being replaced: which services, environments and instances have moved to the new label and which have not.")
        {
            label, store, project, to, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var oldLabel = RequireLabel(parse.GetValue(label));
            var newLabel = parse.GetValue(to);
            if (newLabel is not null)
            {
                RequireLabel(newLabel, "--to");
            }

            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            CredentialRotation rotation;
            try
            {
                rotation = await CredentialViews.ReadRotationAsync(opened, projectId, oldLabel, newLabel, cancellationToken).ConfigureAwait(false);
            }
            catch (CredentialValidationException e)
            {
                throw new CliUsageException(OptionMessage(e));
            }

            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w => CredentialJson.WriteRotation(w, rotation)).ConfigureAwait(false);
                return CliApplication.Success;
            }

            console.Human.MarkupLineInterpolated(
                $"Rotation from [bold]{rotation.OldLabel}[/] to [bold]{rotation.NewLabel}[/]: {rotation.NotMovedCount} not moved, {rotation.BothCount} using both, {rotation.MovedCount} moved.");
            var table = new Table().AddColumns("service", "environment", "instance", "status", "old first seen", "old last seen", "new first seen", "new last seen");
            foreach (var p in rotation.Places)
            {
                table.AddRow(
                    Markup.Escape(Text(p.Service)),
                    Markup.Escape(Text(p.Environment)),
                    Markup.Escape(Text(p.Instance)),
                    CredentialRotationStatuses.Name(p.Status),
                    Time(p.OldFirstSeen),
                    Time(p.OldLastSeen),
                    Time(p.NewFirstSeen),
                    Time(p.NewLastSeen));
            }

            console.Human.Write(table);
            return CliApplication.Success;
        });
        return command;
    }

    private static void WriteWhere(CliConsole console, CredentialInventoryEntry entry)
    {
        console.Human.MarkupLineInterpolated($"Key label [bold]{entry.KeyLabel}[/]: {StateText(entry)}.");
        if (entry.Retirement is { } r)
        {
            var replaced = r.ReplacedBy is null ? "" : $", replaced by {r.ReplacedBy}";
            var note = r.Note is null ? "" : $" ({r.Note})";
            console.Human.MarkupLineInterpolated($"Retired from {Time(r.RetiredAt)}{replaced}{note}.");
        }

        if (entry.InUseSince is { } since)
        {
            console.Human.MarkupLineInterpolated($"[yellow]Still in use[/] after its retirement, since {Time(since)}.");
        }

        if (entry.FirstSeen is null)
        {
            console.Human.WriteLine("Never seen in an event.");
            return;
        }

        console.Human.MarkupLineInterpolated($"First seen {Time(entry.FirstSeen)}, last seen {Time(entry.LastSeen)}, {UsdText.Tokens(entry.Events)} events.");
        var places = new Table().AddColumns("service", "environment", "instance", "model", "first seen", "last seen", "events", "after retirement");
        foreach (var p in entry.Places)
        {
            places.AddRow(
                Markup.Escape(Text(p.Service)),
                Markup.Escape(Text(p.Environment)),
                Markup.Escape(Text(p.Instance)),
                Markup.Escape(Text(p.Model)),
                Time(p.FirstSeen),
                Time(p.LastSeen),
                UsdText.Tokens(p.Events),
                entry.IsUsedAfterRetirement(p) ? "yes" : "");
        }

        console.Human.Write(places);
        if (entry.DailySpend.Count == 0)
        {
            console.Human.WriteLine($"No use in the last {CredentialViews.DailySpendDays} days.");
            return;
        }

        var days = new Table().AddColumns("day (UTC)", "cost", "events", "unpriced");
        foreach (var d in entry.DailySpend)
        {
            days.AddRow(d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), UsdText.FormatNano(d.CostNanoUsd), UsdText.Tokens(d.Events), UsdText.Tokens(d.UnpricedEvents));
        }

        console.Human.Write(days);
    }

    private static async Task<CredentialInventoryEntry?> ReadOneAsync(IOutlayStore store, string projectId, string keyLabel, CancellationToken ct)
    {
        var inventory = await CredentialViews.ReadInventoryAsync(store, projectId, keyLabel, DateTimeOffset.UtcNow, ct).ConfigureAwait(false);
        return inventory.Count == 0 ? null : inventory[0];
    }

    private static string RequireLabel(string? label, string name = "LABEL") =>
        CredentialLabels.IsValid(label)
            ? label!
            : throw new CliUsageException($"{name}: a key label of 1 to {CredentialRetirement.MaxKeyLabelLength} characters with no control characters.");

    private static string StateText(CredentialInventoryEntry entry) => entry.State switch
    {
        CredentialState.RetiredInUse => "retired, still in use",
        CredentialState.Retired => "retired",
        _ => "active",
    };

    private static string Values(IReadOnlyList<CredentialSighting> sightings)
    {
        const int Shown = 3;
        var names = string.Join(", ", sightings.Take(Shown).Select(s => Text(s.Value)));
        return sightings.Count > Shown ? $"{names} +{sightings.Count - Shown}" : names;
    }

    private static string Text(string value) => value.Length == 0 ? Unset : value;

    private static string Time(DateTimeOffset? at) => at?.ToString("u", CultureInfo.InvariantCulture) ?? "";

    private static string OptionMessage(CredentialValidationException e)
    {
        var option = e.Field switch
        {
            "label" => "LABEL",
            "retired_at" => "--at",
            "replaced_by" => "--replaced-by",
            "" => "",
            _ => "--" + e.Field,
        };
        var problem = e.Message.StartsWith(e.Field + ": ", StringComparison.Ordinal) ? e.Message[(e.Field.Length + 2)..] : e.Message;
        return option.Length == 0 ? problem : option + ": " + problem;
    }
}
