using System.CommandLine;
using System.Globalization;
using Outlay.Cli.Output;
using Outlay.Cli.Stores;
using Outlay.Core.Findings;
using Outlay.Core.Storage;
using Outlay.Server.Findings;
using Spectre.Console;

namespace Outlay.Cli.Commands;

/// <summary>
/// <c>outlay findings list|ack|snooze|reopen</c>: reviews a project's security findings offline against the store,
/// with the same rules as the server's findings API (a snooze lasts 1 minute to 90 days).
/// </summary>
internal static class FindingsCommand
{
    /// <summary>Longest <c>--label</c> accepted: 200 characters.</summary>
    private const int MaxLabelLength = 200;

    public static Command Create(CliConsole console) =>
        new("findings", "List and review security findings: acknowledge, snooze or reopen them.")
        {
            ListSubcommand(console),
            AckSubcommand(console),
            SnoozeSubcommand(console),
            ReopenSubcommand(console),
        };

    private static Command ListSubcommand(CliConsole console)
    {
        var store = CommonOptions.Store();
        var json = CommonOptions.Json();
        var project = CommonOptions.Project();
        var status = new Option<string?>("--status") { Description = "Only open or only acknowledged findings. Default: both." };
        var kind = new Option<string?>("--kind") { Description = "Only this kind: " + string.Join(", ", FindingKinds.All) + "." };
        var label = new Option<string?>("--label") { Description = "Only findings about this key label." };
        var limit = new Option<int>("--limit") { Description = "At most this many, latest seen first (1–1000).", DefaultValueFactory = _ => 200 };
        var command = new Command("list", "List a project's findings, latest seen first.") { store, project, status, kind, label, limit, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var query = Query(parse.GetValue(status), parse.GetValue(kind), parse.GetValue(label), parse.GetValue(limit));
            await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
            var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
            var findings = await opened.ListFindingsAsync(projectId, query, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(console, w =>
                {
                    w.WriteStartArray("findings");
                    foreach (var finding in findings)
                    {
                        w.WriteStartObject();
                        FindingJson.Write(w, finding);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }).ConfigureAwait(false);
                return CliApplication.Success;
            }

            if (findings.Count == 0)
            {
                console.Human.WriteLine("No findings.");
                return CliApplication.Success;
            }

            // One block per finding: the explanation is prose, which a many-column table would wrap beyond reading.
            var now = DateTimeOffset.UtcNow;
            foreach (var f in findings)
            {
                var status = f.IsSnoozedAt(now) ? f.StatusName + ", snoozed until " + Time(f.SnoozedUntil!.Value) : f.StatusName;
                console.Human.MarkupLineInterpolated($"[bold]{FindingSeverities.Name(f.Severity)}[/] {f.Kind} · {status} · seen {f.Occurrences}× · first {Time(f.FirstSeen)} · last {Time(f.LastSeen)} UTC");
                console.Human.MarkupLineInterpolated($"  id:       {f.Id}");
                console.Human.MarkupLineInterpolated($"  what:     {f.Summary}");
                console.Human.MarkupLineInterpolated($"  where:    {FindingPlaceText.Format(f.Place)}");
                if (f.Expected is not null || f.Observed is not null)
                {
                    console.Human.MarkupLineInterpolated($"  expected: {f.Expected ?? "-"}");
                    console.Human.MarkupLineInterpolated($"  observed: {f.Observed ?? "-"}");
                }

                if (f.Detail.Length > 0)
                {
                    console.Human.MarkupLineInterpolated($"  detail:   {f.Detail}");
                }

                console.Human.WriteLine();
            }

            return CliApplication.Success;
        });
        return command;
    }

    private static Command AckSubcommand(CliConsole console)
    {
        var (store, project, id, json) = (CommonOptions.Store(), CommonOptions.Project(), IdArgument(), CommonOptions.Json());
        var command = new Command("ack", "Acknowledge a finding: later occurrences still count but do not notify.") { store, project, id, json };
        command.SetAction((parse, cancellationToken) => ReviewAsync(console, parse, store, project, id, json, "Acknowledged",
            (s, projectId, findingId) => s.AcknowledgeFindingAsync(projectId, findingId, null, DateTimeOffset.UtcNow, cancellationToken), cancellationToken));
        return command;
    }

    private static Command SnoozeSubcommand(CliConsole console)
    {
        var (store, project, id, json) = (CommonOptions.Store(), CommonOptions.Project(), IdArgument(), CommonOptions.Json());
        var length = new Option<string?>("--for") { Description = "How long: 30m, 24h, 7d or 2w (at most 90 days)." };
        var until = new Option<string?>("--until") { Description = "Until this instant, e.g. 2026-12-01T09:00:00Z (UTC when no offset; at most 90 days ahead)." };
        var end = new Option<bool>("--end") { Description = "End the snooze now." };
        var command = new Command("snooze", "Snooze a finding's kind and subject: new findings about it are recorded but not sent.")
        {
            store, project, id, length, until, end, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var snoozeEnd = SnoozeEnd(parse.GetValue(length), parse.GetValue(until), parse.GetValue(end), DateTimeOffset.UtcNow);
            var verb = snoozeEnd is { } t
                ? "Snoozed until " + t.ToString("u", CultureInfo.InvariantCulture) + ":"
                : "Ended the snooze of";
            return ReviewAsync(console, parse, store, project, id, json, verb,
                (s, projectId, findingId) => s.SnoozeFindingAsync(projectId, findingId, snoozeEnd, cancellationToken), cancellationToken);
        });
        return command;
    }

    private static Command ReopenSubcommand(CliConsole console)
    {
        var (store, project, id, json) = (CommonOptions.Store(), CommonOptions.Project(), IdArgument(), CommonOptions.Json());
        var command = new Command("reopen", "Return an acknowledged finding to open.") { store, project, id, json };
        command.SetAction((parse, cancellationToken) => ReviewAsync(console, parse, store, project, id, json, "Reopened",
            (s, projectId, findingId) => s.ReopenFindingAsync(projectId, findingId, cancellationToken), cancellationToken));
        return command;
    }

    private static async Task<int> ReviewAsync(
        CliConsole console,
        ParseResult parse,
        Option<string?> store,
        Option<string> project,
        Argument<string> id,
        Option<bool> json,
        string verb,
        Func<IOutlayStore, string, Guid, Task<Finding?>> review,
        CancellationToken cancellationToken)
    {
        await using var opened = await StoreFactory.OpenAsync(StoreLocation.Resolve(parse.GetValue(store)), cancellationToken).ConfigureAwait(false);
        var projectId = await StoreProjects.RequireIdAsync(opened, parse.GetValue(project)!, cancellationToken).ConfigureAwait(false);
        var text = parse.GetValue(id)!;
        var finding = Guid.TryParse(text, out var findingId)
            ? await review(opened, projectId, findingId).ConfigureAwait(false)
            : null;
        if (finding is null)
        {
            await console.Error.WriteLineAsync($"error: no finding with id '{text}' in this project (see `outlay findings list`).").ConfigureAwait(false);
            return CliApplication.Failure;
        }

        if (parse.GetValue(json))
        {
            await JsonOutput.WriteAsync(console, w => FindingJson.Write(w, finding)).ConfigureAwait(false);
        }
        else
        {
            console.Human.MarkupLineInterpolated($"{verb} finding [bold]{finding.Id}[/] ({finding.Kind}: {finding.Summary}); now {finding.StatusName}.");
        }

        return CliApplication.Success;
    }

    internal static FindingQuery Query(string? status, string? kind, string? label, int limit)
    {
        if (kind is not null && !FindingKinds.IsKnown(kind))
        {
            throw new CliUsageException("--kind: expected one of " + string.Join(", ", FindingKinds.All) + ".");
        }

        if (label is not null && (label.Length == 0 || label.Length > MaxLabelLength))
        {
            throw new CliUsageException($"--label: expected 1 to {MaxLabelLength} characters.");
        }

        if (limit is < 1 or > FindingQuery.MaxLimit)
        {
            throw new CliUsageException($"--limit: expected 1 to {FindingQuery.MaxLimit}.");
        }

        FindingStatus? parsedStatus = status switch
        {
            null => null,
            "open" => FindingStatus.Open,
            "acknowledged" => FindingStatus.Acknowledged,
            _ => throw new CliUsageException("--status: expected open or acknowledged."),
        };
        return new FindingQuery(parsedStatus, kind, label, limit);
    }

    /// <summary>When the snooze ends (null ends it now); exactly one of the three options must be given.</summary>
    internal static DateTimeOffset? SnoozeEnd(string? length, string? until, bool end, DateTimeOffset now)
    {
        if ((length is not null ? 1 : 0) + (until is not null ? 1 : 0) + (end ? 1 : 0) != 1)
        {
            throw new CliUsageException("give exactly one of --for (such as 24h), --until (an instant) or --end.");
        }

        try
        {
            return end ? null : length is not null ? FindingSnoozeWindow.EndAfter(length, now) : FindingSnoozeWindow.EndAt(until, now);
        }
        catch (FindingSnoozeException e)
        {
            throw new CliUsageException("--" + e.Message);
        }
    }

    private static Argument<string> IdArgument() => new("id") { Description = "The finding id (from `outlay findings list`)." };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
