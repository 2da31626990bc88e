using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// The store as the source (<see cref="IStoreExport"/>) or destination (<see cref="IStoreImport"/>) of
/// <c>outlay store migrate</c>. Events are read from ClickHouse (current versions only, exact before merges); every
/// control row, and the migration's <em>checkpoints</em>, go to the control store (SQLite or PostgreSQL), so a resumed
/// copy into ClickHouse finds its checkpoint in the control store's <c>outlay_transfer_checkpoints</c>.
/// </summary>
public sealed partial class ClickHouseOutlayStore : IStoreExport, IStoreImport
{
    /// <inheritdoc />
    /// <remarks>The cursor is the last event id of the page (text order of the lower-case UUID, as stored).</remarks>
    public Task<EventPage> ReadEventsAsync(string projectId, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IStoreExport.MaxPageSize);
        ThrowIfNotUsable();
        return ClickHouseTransferEvents.ReadPageAsync(_http, projectId, cursor, limit, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Signed sums over the raw event log (every cancel row takes back its original), not the rollups.</remarks>
    /// <exception cref="OverflowException">A sum exceeds 2^63-1.</exception>
    public Task<EventTotals> ReadEventTotalsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ThrowIfNotUsable();
        return ClickHouseTransferEvents.ReadTotalsAsync(_http, projectId, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<BudgetAlert>> ListAllBudgetAlertsAsync(string projectId, CancellationToken cancellationToken = default) =>
        ControlExport().ListAllBudgetAlertsAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Finding>> ListAllFindingsAsync(string projectId, CancellationToken cancellationToken = default) =>
        ControlExport().ListAllFindingsAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<FindingSnooze>> ListFindingSnoozesAsync(string projectId, CancellationToken cancellationToken = default) =>
        ControlExport().ListFindingSnoozesAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountPendingAlertDeliveriesAsync(string projectId, CancellationToken cancellationToken = default) =>
        ControlExport().CountPendingAlertDeliveriesAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task ImportProjectAsync(ProjectRecord project, CancellationToken cancellationToken = default) =>
        ControlImport().ImportProjectAsync(project, cancellationToken);

    /// <inheritdoc />
    public Task ImportKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken = default) =>
        ControlImport().ImportKeyAsync(key, cancellationToken);

    /// <inheritdoc />
    public Task ImportBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken = default) =>
        ControlImport().ImportBudgetAsync(budget, cancellationToken);

    /// <inheritdoc />
    public Task<int> ImportBudgetAlertsAsync(IReadOnlyList<BudgetAlert> alerts, CancellationToken cancellationToken = default) =>
        ControlImport().ImportBudgetAlertsAsync(alerts, cancellationToken);

    /// <inheritdoc />
    public Task ImportAlertChannelAsync(AlertChannel channel, CancellationToken cancellationToken = default) =>
        ControlImport().ImportAlertChannelAsync(channel, cancellationToken);

    /// <inheritdoc />
    public Task ImportFindingAsync(Finding finding, CancellationToken cancellationToken = default) =>
        ControlImport().ImportFindingAsync(finding, cancellationToken);

    /// <inheritdoc />
    public Task ImportFindingSnoozeAsync(FindingSnooze snooze, CancellationToken cancellationToken = default) =>
        ControlImport().ImportFindingSnoozeAsync(snooze, cancellationToken);

    /// <inheritdoc />
    public Task SetClientDropsAsync(string projectId, ClientDropReport totals, CancellationToken cancellationToken = default) =>
        ControlImport().SetClientDropsAsync(projectId, totals, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Read from the control store, where ClickHouse keeps its checkpoints.</remarks>
    public Task<TransferCheckpoint?> ReadCheckpointAsync(string source, string projectId, CancellationToken cancellationToken = default) =>
        ControlImport().ReadCheckpointAsync(source, projectId, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// Written to the control store. A checkpoint is written after the page's ClickHouse insert has returned, so it
    /// never runs ahead of the events; a crash in between re-reads one page, whose events are then duplicates.
    /// </remarks>
    public Task WriteCheckpointAsync(TransferCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
        ControlImport().WriteCheckpointAsync(checkpoint, cancellationToken);

    private IStoreExport ControlExport() => Control() as IStoreExport
        ?? throw new NotSupportedException("This ClickHouse store's control store cannot export its rows (IStoreExport); use a SQLite or PostgreSQL control store.");

    private IStoreImport ControlImport() => Control() as IStoreImport
        ?? throw new NotSupportedException("This ClickHouse store's control store cannot import rows (IStoreImport); use a SQLite or PostgreSQL control store.");
}
