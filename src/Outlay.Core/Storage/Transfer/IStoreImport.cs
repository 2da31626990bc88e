using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Findings;
using Outlay.Core.Keys;

namespace Outlay.Core.Storage.Transfer;

/// <summary>
/// The write side of <c>outlay store migrate</c> for rows whose ordinary add method would make a new id, fail on a
/// second run or have a side effect (queue alert deliveries). Every method is an idempotent upsert keyed by the row's
/// own id, so a copy can be run again. Events are written with <see cref="IOutlayStore.AppendEventsAsync(string, IReadOnlyList{PricedEvent}, CancellationToken)"/>
/// (keep-first on id), retirements, provider usage and mappings with their existing replace-on-key methods.
/// A role interface: a store offers it by implementing it; the command discovers it with <c>is</c>.
/// </summary>
public interface IStoreImport
{
    /// <summary>
    /// Stores <paramref name="project"/> with its id, name and creation time; nothing when that exact project is stored.
    /// </summary>
    /// <exception cref="TransferConflictException">Another project has the same name, or the id is stored under another name.</exception>
    Task ImportProjectAsync(ProjectRecord project, CancellationToken cancellationToken = default);

    /// <summary>Stores the key as given (id, hash, kind, environments, revocation), replacing a stored key with the same id.</summary>
    Task ImportKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken = default);

    /// <summary>Stores the budget as given, replacing a stored budget with the same id.</summary>
    Task ImportBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records alerts that already fired elsewhere, skipping any already recorded (same budget, period, kind, threshold);
    /// unlike TryRecordBudgetAlertAsync it queues no delivery. Returns how many were new.
    /// </summary>
    Task<int> ImportBudgetAlertsAsync(IReadOnlyList<BudgetAlert> alerts, CancellationToken cancellationToken = default);

    /// <summary>Stores the channel as given (settings still sealed), replacing a stored channel with the same id; health starts empty.</summary>
    Task ImportAlertChannelAsync(AlertChannel channel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores the finding as given (id, occurrences, first and last seen, status, acknowledgement, notified), replacing a
    /// stored finding with the same id; queues no delivery. Its snooze is imported with <see cref="ImportFindingSnoozeAsync"/>.
    /// </summary>
    /// <exception cref="TransferConflictException">The project has another finding with the same fingerprint.</exception>
    Task ImportFindingAsync(Finding finding, CancellationToken cancellationToken = default);

    /// <summary>Stores the snooze, replacing a stored snooze of the same project, kind and subject.</summary>
    Task ImportFindingSnoozeAsync(FindingSnooze snooze, CancellationToken cancellationToken = default);

    /// <summary>Sets the project's client drop totals to <paramref name="totals"/> (not added, so a second run changes nothing).</summary>
    Task SetClientDropsAsync(string projectId, ClientDropReport totals, CancellationToken cancellationToken = default);

    /// <summary>
    /// The checkpoint of a copy from <paramref name="source"/> for <paramref name="projectId"/>, or null. Checkpoints live
    /// in the destination itself (table <c>outlay_transfer_checkpoints</c>, created by the first checkpoint written).
    /// </summary>
    Task<TransferCheckpoint?> ReadCheckpointAsync(string source, string projectId, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="checkpoint"/>, replacing the one of the same source and project.</summary>
    Task WriteCheckpointAsync(TransferCheckpoint checkpoint, CancellationToken cancellationToken = default);
}
