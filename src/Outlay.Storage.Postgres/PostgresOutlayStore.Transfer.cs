using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;

namespace Outlay.Storage.Postgres;

/// <summary>The store as the source (<see cref="IStoreExport"/>) or destination (<see cref="IStoreImport"/>) of <c>outlay store migrate</c>.</summary>
public sealed partial class PostgresOutlayStore : IStoreExport, IStoreImport
{
    /// <inheritdoc />
    /// <remarks>The cursor is the last event id of the page (uuid order).</remarks>
    public Task<EventPage> ReadEventsAsync(string projectId, string? cursor, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IStoreExport.MaxPageSize);
        ThrowIfNotUsable();
        return TransferEventReader.ReadPageAsync(_dataSource, projectId, cursor, limit, cancellationToken);
    }

    /// <inheritdoc />
    public Task<EventTotals> ReadEventTotalsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ThrowIfNotUsable();
        return TransferEventReader.ReadTotalsAsync(_dataSource, projectId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<BudgetAlert>> ListAllBudgetAlertsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ThrowIfNotUsable();
        return await TransferTables.ListAlertsAsync(_dataSource, projectId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Finding>> ListAllFindingsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ThrowIfNotUsable();
        return await TransferTables.ListFindingsAsync(_dataSource, projectId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FindingSnooze>> ListFindingSnoozesAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ThrowIfNotUsable();
        return await TransferTables.ListSnoozesAsync(_dataSource, projectId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<long> CountPendingAlertDeliveriesAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ThrowIfNotUsable();
        return TransferTables.CountPendingDeliveriesAsync(_dataSource, projectId, cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportProjectAsync(ProjectRecord project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentException.ThrowIfNullOrEmpty(project.Id, nameof(project));
        ArgumentException.ThrowIfNullOrEmpty(project.Name, nameof(project));
        ThrowIfNotUsable();
        return TransferTables.ImportProjectAsync(_dataSource, project, cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ThrowIfNotUsable();
        return TransferTables.ImportKeyAsync(_dataSource, key, cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(budget);
        ThrowIfNotUsable();
        return TransferTables.ImportBudgetAsync(_dataSource, budget, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> ImportBudgetAlertsAsync(IReadOnlyList<BudgetAlert> alerts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        ThrowIfNotUsable();
        return TransferTables.ImportBudgetAlertsAsync(_dataSource, alerts, cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportAlertChannelAsync(AlertChannel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ThrowIfNotUsable();
        return TransferTables.ImportAlertChannelAsync(_dataSource, channel, cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportFindingAsync(Finding finding, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ThrowIfNotUsable();
        return TransferTables.ImportFindingAsync(_dataSource, finding, cancellationToken);
    }

    /// <inheritdoc />
    public Task ImportFindingSnoozeAsync(FindingSnooze snooze, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snooze);
        ThrowIfNotUsable();
        return TransferTables.ImportSnoozeAsync(_dataSource, snooze, cancellationToken);
    }

    /// <inheritdoc />
    public Task SetClientDropsAsync(string projectId, ClientDropReport totals, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ArgumentNullException.ThrowIfNull(totals);
        ThrowIfNotUsable();
        return TransferTables.SetClientDropsAsync(_dataSource, projectId, totals, cancellationToken);
    }

    /// <inheritdoc />
    public Task<TransferCheckpoint?> ReadCheckpointAsync(string source, string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        ThrowIfNotUsable();
        return TransferTables.ReadCheckpointAsync(_dataSource, source, projectId, cancellationToken);
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

        ThrowIfNotUsable();
        return TransferTables.WriteCheckpointAsync(_dataSource, checkpoint, cancellationToken);
    }
}
