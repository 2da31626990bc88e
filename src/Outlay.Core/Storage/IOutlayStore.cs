using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Keys;
using Outlay.Core.Querying;

namespace Outlay.Core.Storage;

/// <summary>
/// The storage contract every engine implements. Appends are idempotent on (project, event id) and durable
/// when the task completes; rollups are maintained in the same transaction as the events.
/// </summary>
public interface IOutlayStore : IFindingStore, ICredentialActivityStore, IProviderUsageStore, IJobLock, IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. Safe to call more than once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores events of one project in one transaction; ids already stored count as duplicates.</summary>
    Task<AppendResult> AppendEventsAsync(string projectId, IReadOnlyList<PricedEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores events of one project in one transaction, resolving ids already stored as <paramref name="duplicates"/> says;
    /// replaced events count as duplicates. Engines without <see cref="DuplicatePolicy.KeepRicher"/> support keep the first.
    /// </summary>
    Task<AppendResult> AppendEventsAsync(string projectId, IReadOnlyList<PricedEvent> events, DuplicatePolicy duplicates, CancellationToken cancellationToken) =>
        AppendEventsAsync(projectId, events, cancellationToken);

    /// <summary>Spend of one project, grouped and filtered as the query says, read from hourly rollups.</summary>
    Task<SpendResult> QuerySpendAsync(string projectId, SpendQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Which price entry priced which model in [<paramref name="from"/>, <paramref name="to"/>) (whole hours, UTC),
    /// read from an hourly rollup maintained with the events; ordered by cost descending.
    /// </summary>
    Task<IReadOnlyList<PriceUsageRow>> QueryPriceUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>
    /// Prices the stored events <paramref name="request"/> selects again with <paramref name="price"/> (a price correction),
    /// updating each changed event and moving its contribution in every rollup, in bounded transactions of
    /// <see cref="RepriceRequest.BatchSize"/> events so ingest is never blocked for long. Exact and idempotent: a second
    /// run with the same prices changes nothing. Events that arrive while it runs are priced by whoever stores them.
    /// </summary>
    Task<RepriceResult> RepriceAsync(RepriceRequest request, Func<StoredUsage, Pricing.CostResult> price, CancellationToken cancellationToken = default);

    /// <summary>Finds a project by name, creating it when absent.</summary>
    Task<ProjectRecord> EnsureProjectAsync(string name, CancellationToken cancellationToken = default);

    Task<ProjectRecord?> FindProjectAsync(string name, CancellationToken cancellationToken = default);

    Task<ProjectRecord?> GetProjectAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Every project, oldest first, for background work across projects (detection) only; never for answers to a caller.</summary>
    Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken = default);

    Task AddKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken = default);

    Task<ApiKeyRecord?> FindKeyAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Keys of one project, or of every project when <paramref name="projectId"/> is null.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(string? projectId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key; false when no such key exists or it is already revoked.</summary>
    Task<bool> RevokeKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Stores a new dashboard session.</summary>
    Task AddDashboardSessionAsync(DashboardSessionRecord session, CancellationToken cancellationToken = default);

    /// <summary>The session with this id, or null; expired sessions may still be returned (callers check <see cref="DashboardSessionRecord.ExpiresAt"/>).</summary>
    Task<DashboardSessionRecord?> FindDashboardSessionAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Ends a session (sign-out); false when there was no such session.</summary>
    Task<bool> DeleteDashboardSessionAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Deletes sessions that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredDashboardSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Adds an SDK's drop counts to the project's running totals.</summary>
    Task RecordClientDropsAsync(string projectId, ClientDropReport report, CancellationToken cancellationToken = default);

    Task<ClientDropReport> GetClientDropsAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new budget definition.</summary>
    Task AddBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken = default);

    /// <summary>The project's budgets, oldest first.</summary>
    Task<IReadOnlyList<BudgetDefinition>> ListBudgetsAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>The budget with this id in this project, or null (another project's budget is null too).</summary>
    Task<BudgetDefinition?> GetBudgetAsync(string projectId, string id, CancellationToken cancellationToken = default);

    /// <summary>Deletes a budget of this project; false when the project has no such budget.</summary>
    Task<bool> DeleteBudgetAsync(string projectId, string id, CancellationToken cancellationToken = default);

    /// <summary>Every project's budgets, for background evaluation (alerts) only; never for answers to a caller.</summary>
    Task<IReadOnlyList<BudgetDefinition>> ListAllBudgetsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="alert"/> unless the same (budget, period, kind, threshold) is already recorded; true only
    /// for the call whose insert won, so concurrent callers and processes on one store fire each alert once. When it
    /// wins, a pending <see cref="AlertDelivery"/> for every channel of the project is inserted in the same transaction.
    /// </summary>
    Task<bool> TryRecordBudgetAlertAsync(BudgetAlert alert, CancellationToken cancellationToken = default);

    /// <summary>The project's alert history, newest first, at most <paramref name="limit"/> (1–1000).</summary>
    Task<IReadOnlyList<BudgetAlert>> ListBudgetAlertsAsync(string projectId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Stores a new alert channel (its settings already sealed by the caller).</summary>
    Task AddAlertChannelAsync(AlertChannel channel, CancellationToken cancellationToken = default);

    /// <summary>The project's alert channels, oldest first.</summary>
    Task<IReadOnlyList<AlertChannel>> ListAlertChannelsAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>The channel with this id in this project, or null (another project's channel is null too).</summary>
    Task<AlertChannel?> GetAlertChannelAsync(string projectId, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a channel of this project; false when the project has no such channel. Its pending deliveries stay and
    /// are failed by the delivery worker ("channel deleted"), so the history keeps them.
    /// </summary>
    Task<bool> DeleteAlertChannelAsync(string projectId, string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Each channel's delivery health (last attempt, its outcome and detail, failing since), for the project's
    /// channels; a channel never used has no attempt.
    /// </summary>
    Task<IReadOnlyList<AlertChannelHealth>> ListAlertChannelHealthAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues a test notice for one channel of the project, due at <paramref name="at"/>; null when the project has no
    /// such channel, else the new delivery.
    /// </summary>
    Task<AlertDelivery?> QueueTestAlertDeliveryAsync(string projectId, string channelId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically leases up to <paramref name="limit"/> pending deliveries due at <paramref name="now"/> whose lease (if
    /// any) has lapsed, until <paramref name="now"/> + <paramref name="lease"/>, counting an attempt for each: two
    /// processes on one store never hold the same delivery at once. Oldest due first.
    /// </summary>
    Task<IReadOnlyList<ClaimedAlertDelivery>> ClaimAlertDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records how a claimed attempt ended (delivered, retry at a time, or failed for good) and updates the channel's
    /// health, in one transaction. False, and nothing changed, when the lease is no longer the caller's.
    /// </summary>
    Task<bool> CompleteAlertDeliveryAsync(long deliveryId, string leaseToken, AlertDeliveryCompletion completion, CancellationToken cancellationToken = default);

    /// <summary>The project's deliveries, newest first, at most <paramref name="limit"/> (1–1000).</summary>
    Task<IReadOnlyList<AlertDelivery>> ListAlertDeliveriesAsync(string projectId, int limit, CancellationToken cancellationToken = default);
}
