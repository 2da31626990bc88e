using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;

namespace Outlay.Cli.Commands;

/// <summary>
/// Copies every project of one store into another through <see cref="IStoreExport"/> and <see cref="IStoreImport"/>:
/// control rows by id (upserts), then events in pages (keep-first on id), each committed page followed by a checkpoint in
/// the destination, so a run started again with the same source continues after the last committed page. Ends by
/// comparing <see cref="StoreMigrationTotals"/> of both stores.
/// </summary>
internal sealed class StoreMigration
{
    /// <summary>Events per page (default 5,000): one read at the source, one append transaction at the destination.</summary>
    public const int DefaultPageSize = 5_000;

    private readonly IOutlayStore _source;
    private readonly IStoreExport _export;
    private readonly IOutlayStore _destination;
    private readonly IStoreImport _import;
    private readonly string _sourceName;

    public StoreMigration(IOutlayStore source, string sourceName, IOutlayStore destination, string destinationName)
    {
        _source = source;
        _destination = destination;
        _sourceName = sourceName;
        _export = source as IStoreExport
            ?? throw new CliUsageException($"The store {sourceName} cannot be read for a migration (its engine has no export).");
        _import = destination as IStoreImport
            ?? throw new CliUsageException($"The store {destinationName} cannot be written by a migration (its engine has no import).");
        _ = _destination as IStoreExport
            ?? throw new CliUsageException($"The store {destinationName} cannot be verified after a migration (its engine has no export).");
    }

    /// <summary>Events per page; 1–<see cref="IStoreExport.MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Called after each committed page.</summary>
    public Action<StoreMigrationProgress>? Progress { get; init; }

    /// <summary>Pending alert deliveries at the source, which are not copied (known after <see cref="CopyAsync"/>).</summary>
    public long PendingDeliveriesLeft { get; private set; }

    /// <summary>Whether any copied project has an alert channel (its settings are sealed with the source's secret key).</summary>
    public bool CopiedChannels { get; private set; }

    /// <summary>
    /// Refuses when the destination holds different data for a project: a project of the same name with another id, or
    /// the project itself without a checkpoint from this source (it was not put there by a migration from this source).
    /// </summary>
    /// <exception cref="CliUsageException">Naming each conflict and how to proceed.</exception>
    public async Task<IReadOnlyList<ProjectRecord>> CheckAsync(CancellationToken cancellationToken)
    {
        var projects = await _source.ListProjectsAsync(cancellationToken).ConfigureAwait(false);
        var conflicts = new List<string>();
        foreach (var project in projects)
        {
            var byName = await _destination.FindProjectAsync(project.Name, cancellationToken).ConfigureAwait(false);
            if (byName is not null && byName.Id != project.Id)
            {
                conflicts.Add($"project '{project.Name}' exists there with another id ({byName.Id}, source {project.Id})");
                continue;
            }

            var byId = await _destination.GetProjectAsync(project.Id, cancellationToken).ConfigureAwait(false);
            if (byId is null)
            {
                continue;
            }

            if (byId.Name != project.Name)
            {
                conflicts.Add($"project id {project.Id} is '{byId.Name}' there, '{project.Name}' at the source");
            }
            else if (await _import.ReadCheckpointAsync(_sourceName, project.Id, cancellationToken).ConfigureAwait(false) is null)
            {
                var held = await ((IStoreExport)_destination).ReadEventTotalsAsync(project.Id, cancellationToken).ConfigureAwait(false);
                conflicts.Add($"project '{project.Name}' is already there ({held.Events:N0} events) and was not copied from this source");
            }
        }

        if (conflicts.Count > 0)
        {
            throw new CliUsageException(
                "The destination already holds different data: " + string.Join("; ", conflicts) +
                ". Migrate into an empty store (a new SQLite file or an empty PostgreSQL database), or delete those projects there first.");
        }

        return projects;
    }

    /// <summary>Copies <paramref name="projects"/> (from <see cref="CheckAsync"/>); returns the events read and appended in this run.</summary>
    public async Task<(long Read, long Appended)> CopyAsync(IReadOnlyList<ProjectRecord> projects, CancellationToken cancellationToken)
    {
        long total = 0;
        long done = 0;
        var checkpoints = new Dictionary<string, TransferCheckpoint?>(StringComparer.Ordinal);
        foreach (var project in projects)
        {
            total += (await _export.ReadEventTotalsAsync(project.Id, cancellationToken).ConfigureAwait(false)).Events;
            var checkpoint = await _import.ReadCheckpointAsync(_sourceName, project.Id, cancellationToken).ConfigureAwait(false);
            checkpoints[project.Id] = checkpoint;
            done += checkpoint?.EventsCopied ?? 0;
        }

        long read = 0;
        long appended = 0;
        var pages = 0;
        foreach (var project in projects)
        {
            var checkpoint = checkpoints[project.Id];
            if (checkpoint is null)
            {
                // Written before the project, so a run stopped right after the project was copied is still resumable.
                checkpoint = new TransferCheckpoint(_sourceName, project.Id, null, 0, DateTimeOffset.UtcNow);
                await _import.WriteCheckpointAsync(checkpoint, cancellationToken).ConfigureAwait(false);
            }

            await CopyControlRowsAsync(project, cancellationToken).ConfigureAwait(false);
            var cursor = checkpoint.Cursor;
            var copied = checkpoint.EventsCopied;
            Progress?.Invoke(new StoreMigrationProgress(project.Name, done, total, pages));

            // The next page is read while this one is written: the source and the destination work at the same time.
            var next = _export.ReadEventsAsync(project.Id, cursor, PageSize, cancellationToken);
            while (true)
            {
                var page = await next.ConfigureAwait(false);
                // Stop between pages once asked: an engine's append may not look at the token before it commits.
                if (cancellationToken.IsCancellationRequested)
                {
                    await Observe(next).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (page.Events.Count == 0)
                {
                    break;
                }

                next = _export.ReadEventsAsync(project.Id, page.Cursor, PageSize, cancellationToken);
                try
                {
                    var result = await _destination.AppendEventsAsync(project.Id, page.Events, DuplicatePolicy.KeepFirst, cancellationToken).ConfigureAwait(false);
                    cursor = page.Cursor;
                    copied += page.Events.Count;

                    // Not cancellable once the page is committed: a page appended but not checkpointed would only be read
                    // again (and deduplicated) by the next run, but there is no reason to leave that work.
                    await _import.WriteCheckpointAsync(new TransferCheckpoint(_sourceName, project.Id, cursor, copied, DateTimeOffset.UtcNow), CancellationToken.None).ConfigureAwait(false);
                    read += page.Events.Count;
                    appended += result.Accepted;
                    done += page.Events.Count;
                    pages++;
                    Progress?.Invoke(new StoreMigrationProgress(project.Name, Math.Min(done, total), total, pages));
                }
                catch
                {
                    await Observe(next).ConfigureAwait(false);
                    throw;
                }
            }
        }

        return (read, appended);
    }

    /// <summary>Compares every total of every project; empty when the destination matches the source.</summary>
    public async Task<IReadOnlyList<StoreMigrationDifference>> VerifyAsync(IReadOnlyList<ProjectRecord> projects, CancellationToken cancellationToken)
    {
        var differences = new List<StoreMigrationDifference>();
        var destinationExport = (IStoreExport)_destination;
        foreach (var project in projects)
        {
            var source = await StoreMigrationTotals.ReadAsync(_source, _export, project.Id, cancellationToken).ConfigureAwait(false);
            var destination = await StoreMigrationTotals.ReadAsync(_destination, destinationExport, project.Id, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < source.Count; i++)
            {
                if (source[i].Value != destination[i].Value)
                {
                    differences.Add(new StoreMigrationDifference(project.Name, source[i].Name, source[i].Value, destination[i].Value));
                }
            }
        }

        return differences;
    }

    // A read started ahead is finished (or its failure seen) before the caller leaves, so no task outlives the run.
    private static async Task Observe(Task<EventPage> read)
    {
        try
        {
            await read.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or System.Data.Common.DbException)
        {
        }
    }

    private async Task CopyControlRowsAsync(ProjectRecord project, CancellationToken cancellationToken)
    {
        var id = project.Id;
        try
        {
            await _import.ImportProjectAsync(project, cancellationToken).ConfigureAwait(false);
            foreach (var key in await _source.ListKeysAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await _import.ImportKeyAsync(key, cancellationToken).ConfigureAwait(false);
            }

            foreach (var budget in await _source.ListBudgetsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await _import.ImportBudgetAsync(budget, cancellationToken).ConfigureAwait(false);
            }

            // History only: no delivery is queued, so no alert is sent again.
            await _import.ImportBudgetAlertsAsync(await _export.ListAllBudgetAlertsAsync(id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            foreach (var channel in await _source.ListAlertChannelsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await _import.ImportAlertChannelAsync(channel, cancellationToken).ConfigureAwait(false);
                CopiedChannels = true;
            }

            foreach (var finding in await _export.ListAllFindingsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await _import.ImportFindingAsync(finding, cancellationToken).ConfigureAwait(false);
            }

            foreach (var snooze in await _export.ListFindingSnoozesAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await _import.ImportFindingSnoozeAsync(snooze, cancellationToken).ConfigureAwait(false);
            }

            foreach (var retirement in await _source.ListCredentialRetirementsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await _destination.SetCredentialRetirementAsync(retirement, cancellationToken).ConfigureAwait(false);
            }

            var usage = await _source.QueryProviderUsageAsync(id, StoreMigrationTotals.FirstDay, StoreMigrationTotals.LastDay, cancellationToken).ConfigureAwait(false);
            if (usage.Count > 0)
            {
                await _destination.UpsertProviderUsageAsync(id, usage, cancellationToken).ConfigureAwait(false);
            }

            foreach (var mapping in await _source.ListProviderKeyMappingsAsync(id, cancellationToken).ConfigureAwait(false))
            {
                await _destination.SetProviderKeyMappingAsync(mapping, cancellationToken).ConfigureAwait(false);
            }

            await _import.SetClientDropsAsync(id, await _source.GetClientDropsAsync(id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            PendingDeliveriesLeft += await _export.CountPendingAlertDeliveriesAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (TransferConflictException e)
        {
            throw new CliUsageException(e.Message + " Migrate into an empty store, or delete that project there first.");
        }
    }
}
