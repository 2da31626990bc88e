using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Credentials;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Reconciliation;
using Outlay.Core.Storage;

namespace Outlay.Storage.ClickHouse;

/// <summary>The control data (projects, keys, sessions, budgets, alerts, findings, …): every call goes to the control store.</summary>
public sealed partial class ClickHouseOutlayStore
{
    /// <inheritdoc />
    public Task<ProjectRecord> EnsureProjectAsync(string name, CancellationToken cancellationToken = default) =>
        Control().EnsureProjectAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<ProjectRecord?> FindProjectAsync(string name, CancellationToken cancellationToken = default) =>
        Control().FindProjectAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task<ProjectRecord?> GetProjectAsync(string projectId, CancellationToken cancellationToken = default) =>
        Control().GetProjectAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        Control().ListProjectsAsync(cancellationToken);

    /// <inheritdoc />
    public Task AddKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken = default) =>
        Control().AddKeyAsync(key, cancellationToken);

    /// <inheritdoc />
    public Task<ApiKeyRecord?> FindKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        Control().FindKeyAsync(keyId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(string? projectId, CancellationToken cancellationToken = default) =>
        Control().ListKeysAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RevokeKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Control().RevokeKeyAsync(keyId, at, cancellationToken);

    /// <inheritdoc />
    public Task AddDashboardSessionAsync(DashboardSessionRecord session, CancellationToken cancellationToken = default) =>
        Control().AddDashboardSessionAsync(session, cancellationToken);

    /// <inheritdoc />
    public Task<DashboardSessionRecord?> FindDashboardSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Control().FindDashboardSessionAsync(sessionId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteDashboardSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Control().DeleteDashboardSessionAsync(sessionId, cancellationToken);

    /// <inheritdoc />
    public Task<int> DeleteExpiredDashboardSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        Control().DeleteExpiredDashboardSessionsAsync(now, cancellationToken);

    /// <inheritdoc />
    public Task RecordClientDropsAsync(string projectId, ClientDropReport report, CancellationToken cancellationToken = default) =>
        Control().RecordClientDropsAsync(projectId, report, cancellationToken);

    /// <inheritdoc />
    public Task<ClientDropReport> GetClientDropsAsync(string projectId, CancellationToken cancellationToken = default) =>
        Control().GetClientDropsAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task AddBudgetAsync(BudgetDefinition budget, CancellationToken cancellationToken = default) =>
        Control().AddBudgetAsync(budget, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<BudgetDefinition>> ListBudgetsAsync(string projectId, CancellationToken cancellationToken = default) =>
        Control().ListBudgetsAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task<BudgetDefinition?> GetBudgetAsync(string projectId, string id, CancellationToken cancellationToken = default) =>
        Control().GetBudgetAsync(projectId, id, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteBudgetAsync(string projectId, string id, CancellationToken cancellationToken = default) =>
        Control().DeleteBudgetAsync(projectId, id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<BudgetDefinition>> ListAllBudgetsAsync(CancellationToken cancellationToken = default) =>
        Control().ListAllBudgetsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> TryRecordBudgetAlertAsync(BudgetAlert alert, CancellationToken cancellationToken = default) =>
        Control().TryRecordBudgetAlertAsync(alert, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<BudgetAlert>> ListBudgetAlertsAsync(string projectId, int limit, CancellationToken cancellationToken = default) =>
        Control().ListBudgetAlertsAsync(projectId, limit, cancellationToken);

    /// <inheritdoc />
    public Task AddAlertChannelAsync(AlertChannel channel, CancellationToken cancellationToken = default) =>
        Control().AddAlertChannelAsync(channel, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertChannel>> ListAlertChannelsAsync(string projectId, CancellationToken cancellationToken = default) =>
        Control().ListAlertChannelsAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task<AlertChannel?> GetAlertChannelAsync(string projectId, string id, CancellationToken cancellationToken = default) =>
        Control().GetAlertChannelAsync(projectId, id, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteAlertChannelAsync(string projectId, string id, CancellationToken cancellationToken = default) =>
        Control().DeleteAlertChannelAsync(projectId, id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertChannelHealth>> ListAlertChannelHealthAsync(string projectId, CancellationToken cancellationToken = default) =>
        Control().ListAlertChannelHealthAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task<AlertDelivery?> QueueTestAlertDeliveryAsync(string projectId, string channelId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Control().QueueTestAlertDeliveryAsync(projectId, channelId, at, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClaimedAlertDelivery>> ClaimAlertDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default) =>
        Control().ClaimAlertDeliveriesAsync(now, lease, limit, cancellationToken);

    /// <inheritdoc />
    public Task<bool> CompleteAlertDeliveryAsync(long deliveryId, string leaseToken, AlertDeliveryCompletion completion, CancellationToken cancellationToken = default) =>
        Control().CompleteAlertDeliveryAsync(deliveryId, leaseToken, completion, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AlertDelivery>> ListAlertDeliveriesAsync(string projectId, int limit, CancellationToken cancellationToken = default) =>
        Control().ListAlertDeliveriesAsync(projectId, limit, cancellationToken);

    /// <inheritdoc />
    public Task<FindingRecordResult> RecordFindingAsync(FindingObservation observation, CancellationToken cancellationToken = default) =>
        Control().RecordFindingAsync(observation, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Finding>> ListFindingsAsync(string projectId, FindingQuery query, CancellationToken cancellationToken = default) =>
        Control().ListFindingsAsync(projectId, query, cancellationToken);

    /// <inheritdoc />
    public Task<Finding?> GetFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default) =>
        Control().GetFindingAsync(projectId, id, cancellationToken);

    /// <inheritdoc />
    public Task<Finding?> AcknowledgeFindingAsync(string projectId, Guid id, string? by, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Control().AcknowledgeFindingAsync(projectId, id, by, at, cancellationToken);

    /// <inheritdoc />
    public Task<Finding?> SnoozeFindingAsync(string projectId, Guid id, DateTimeOffset? until, CancellationToken cancellationToken = default) =>
        Control().SnoozeFindingAsync(projectId, id, until, cancellationToken);

    /// <inheritdoc />
    public Task<Finding?> ReopenFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default) =>
        Control().ReopenFindingAsync(projectId, id, cancellationToken);

    /// <inheritdoc />
    public Task SetCredentialRetirementAsync(CredentialRetirement retirement, CancellationToken cancellationToken = default) =>
        Control().SetCredentialRetirementAsync(retirement, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CredentialRetirement>> ListCredentialRetirementsAsync(string projectId, CancellationToken cancellationToken = default) =>
        Control().ListCredentialRetirementsAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteCredentialRetirementAsync(string projectId, string keyLabel, CancellationToken cancellationToken = default) =>
        Control().DeleteCredentialRetirementAsync(projectId, keyLabel, cancellationToken);

    /// <inheritdoc />
    public Task<int> UpsertProviderUsageAsync(string projectId, IReadOnlyList<ProviderUsageRecord> records, CancellationToken cancellationToken = default) =>
        Control().UpsertProviderUsageAsync(projectId, records, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ProviderUsageRecord>> QueryProviderUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Control().QueryProviderUsageAsync(projectId, from, to, cancellationToken);

    /// <inheritdoc />
    public Task SetProviderKeyMappingAsync(ProviderKeyMapping mapping, CancellationToken cancellationToken = default) =>
        Control().SetProviderKeyMappingAsync(mapping, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ProviderKeyMapping>> ListProviderKeyMappingsAsync(string projectId, CancellationToken cancellationToken = default) =>
        Control().ListProviderKeyMappingsAsync(projectId, cancellationToken);

    /// <inheritdoc />
    public Task<bool> DeleteProviderKeyMappingAsync(string projectId, string provider, string providerRef, CancellationToken cancellationToken = default) =>
        Control().DeleteProviderKeyMappingAsync(projectId, provider, providerRef, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Held in the control store, which every process of one deployment shares.</remarks>
    public Task<IJobLease?> TryAcquireJobLockAsync(string name, CancellationToken cancellationToken = default) =>
        Control().TryAcquireJobLockAsync(name, cancellationToken);
}
