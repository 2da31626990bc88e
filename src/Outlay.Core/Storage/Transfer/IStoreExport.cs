using Outlay.Core.Alerts;
using Outlay.Core.Findings;

namespace Outlay.Core.Storage.Transfer;

/// <summary>
/// The read side of <c>outlay store migrate</c>: what a copy needs beyond <see cref="IOutlayStore"/>'s own list methods
/// (projects, keys, budgets, channels, retirements, provider usage and mappings, client drops are read through those).
/// A role interface: a store offers it by implementing it; the command discovers it with <c>is</c>.
/// </summary>
public interface IStoreExport
{
    /// <summary>Largest page <see cref="ReadEventsAsync"/> returns: 10,000 events.</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>
    /// Up to <paramref name="limit"/> (1–<see cref="MaxPageSize"/>) of the project's events after <paramref name="cursor"/>
    /// (null: from the start), in an order that does not change while events are appended (by event id). Each event
    /// carries its stored price (cost, price id, resolved model), tags, ids, timestamps and client estimate; the cost
    /// breakdown is not stored and comes back empty.
    /// </summary>
    Task<EventPage> ReadEventsAsync(string projectId, string? cursor, int limit, CancellationToken cancellationToken = default);

    /// <summary>Counts and sums over the project's stored events (not its rollups).</summary>
    Task<EventTotals> ReadEventTotalsAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>The project's whole budget alert history, oldest first (no limit, unlike ListBudgetAlertsAsync).</summary>
    Task<IReadOnlyList<BudgetAlert>> ListAllBudgetAlertsAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Every finding of the project with its review state, oldest first (no limit).</summary>
    Task<IReadOnlyList<Finding>> ListAllFindingsAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>The project's finding snoozes (expired ones included), by kind then subject.</summary>
    Task<IReadOnlyList<FindingSnooze>> ListFindingSnoozesAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>How many of the project's alert deliveries are still pending (not copied by a migration; reported).</summary>
    Task<long> CountPendingAlertDeliveriesAsync(string projectId, CancellationToken cancellationToken = default);
}
