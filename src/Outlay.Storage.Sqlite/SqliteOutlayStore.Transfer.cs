using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;

namespace Outlay.Storage.Sqlite;

/// <summary>The store as the source (<see cref="IStoreExport"/>) or destination (<see cref="IStoreImport"/>) of <c>outlay store migrate</c>.</summary>
public sealed partial class SqliteOutlayStore : IStoreExport, IStoreImport
{
    /// <inheritdoc />
    /// <remarks>The cursor is the last event id of the page (ids are stored as lower-case text, so text order is id order).</remarks>
    public Task<EventPage> ReadEventsAsync(string projectId, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IStoreExport.MaxPageSize);
        return ReadAsync(c => TransferEventReader.ReadPage(c, projectId, cursor, limit), cancellationToken);
    }

    /// <inheritdoc />
    public Task<EventTotals> ReadEventTotalsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        return ReadAsync(c => TransferEventReader.ReadTotals(c, projectId), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BudgetAlert>> ListAllBudgetAlertsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        return await ReadAsync(c => TransferTables.ListAlerts(c, projectId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Finding>> ListAllFindingsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        return await ReadAsync(c => TransferTables.ListFindings(c, projectId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FindingSnooze>> ListFindingSnoozesAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        return await ReadAsync(c => TransferTables.ListSnoozes(c, projectId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<long> CountPendingAlertDeliveriesAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        return ReadAsync(c => TransferTables.CountPendingDeliveries(c, projectId), cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportProjectAsync(ProjectRecord project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentException.ThrowIfNullOrEmpty(project.Id, nameof(project));
        ArgumentException.ThrowIfNullOrEmpty(project.Name, nameof(project));
        return WriteAsync(() => TransferTables.ImportProject(_writer, project), cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(() => TransferTables.ImportKey(_writer, key), cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return WriteAsync(() => TransferTables.ImportBudget(_writer, budget), cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> ImportBudgetAlertsAsync(IReadOnlyList<BudgetAlert> alerts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        return WriteAsync(() => TransferTables.ImportBudgetAlerts(_writer, alerts), cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportAlertChannelAsync(AlertChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return WriteAsync(() => TransferTables.ImportAlertChannel(_writer, channel), cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportFindingAsync(Finding finding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return WriteAsync(() => TransferTables.ImportFinding(_writer, finding), cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportFindingSnoozeAsync(FindingSnooze snooze, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snooze);
        return WriteAsync(() => TransferTables.ImportSnooze(_writer, snooze), cancellationToken);
    }

    /// <inheritdoc />
    public Task SetClientDropsAsync(string projectId, ClientDropReport totals, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(totals);
        return WriteAsync(() => TransferTables.SetClientDrops(_writer, projectId, totals), cancellationToken);
    }

    /// <inheritdoc />
    public Task<TransferCheckpoint?> ReadCheckpointAsync(string source, string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        return WriteAsync(() => TransferTables.ReadCheckpoint(_writer, source, projectId), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The source is longer than <see cref="TransferCheckpoint.MaxSourceLength"/>.</exception>
    public Task WriteCheckpointAsync(TransferCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.Source.Length > TransferCheckpoint.MaxSourceLength)
        {
            throw new ArgumentException($"A checkpoint's source is at most {TransferCheckpoint.MaxSourceLength} characters.", nameof(checkpoint));
        }

        return WriteAsync(() => TransferTables.WriteCheckpoint(_writer, checkpoint), cancellationToken);
    }
}
