using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Server.Tests.Support;

/// <summary>
/// A key-only store whose next key lookup can be held at a gate, to order a lookup against a revocation
/// exactly. Everything but keys is unsupported: it serves the authenticator alone.
/// </summary>
internal sealed class GatedKeyStore : IOutlayStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ApiKeyRecord> _keys = new(StringComparer.Ordinal);
    private TaskCompletionSource? _release;
    private TaskCompletionSource? _entered;
    private bool _holdNext;

    /// <summary>Makes the next <see cref="FindKeyAsync"/> read its record, signal, and wait for <see cref="Release"/>.</summary>
    public Task HoldNextLookup()
    {
        lock (_gate)
        {
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _holdNext = true;
            return _entered.Task;
        }
    }

    public void Release()
    {
        lock (_gate)
        {
            _release?.TrySetResult();
        }
    }

    public Task AddKeyAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _keys[key.KeyId] = key;
        }

        return Task.CompletedTask;
    }

    public async Task<ApiKeyRecord?> FindKeyAsync(string keyId, CancellationToken cancellationToken = default)
    {
        ApiKeyRecord? record;
        Task? release = null;
        lock (_gate)
        {
            record = _keys.GetValueOrDefault(keyId);
            if (_holdNext)
            {
                _holdNext = false;
                _entered!.TrySetResult();
                release = _release!.Task;
            }
        }

        if (release is not null)
        {
            await release.WaitAsync(cancellationToken);
        }

        return record;
    }

    public Task<bool> RevokeKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(keyId, out var record))
            {
                return Task.FromResult(false);
            }

            _keys[keyId] = record with { RevokedAt = at };
            return Task.FromResult(true);
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<AppendResult> AppendEventsAsync(string projectId, IReadOnlyList<PricedEvent> events, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<SpendResult> QuerySpendAsync(string projectId, SpendQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ProjectRecord> EnsureProjectAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ProjectRecord?> FindProjectAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ProjectRecord?> GetProjectAsync(string projectId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ApiKeyRecord>> ListKeysAsync(string? projectId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task RecordClientDropsAsync(string projectId, ClientDropReport report, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ClientDropReport> GetClientDropsAsync(string projectId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<PriceUsageRow>> QueryPriceUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task AddDashboardSessionAsync(DashboardSessionRecord session, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<DashboardSessionRecord?> FindDashboardSessionAsync(string sessionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteDashboardSessionAsync(string sessionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> DeleteExpiredDashboardSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IJobLease?> TryAcquireJobLockAsync(string name, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task AddBudgetAsync(Outlay.Core.Budgets.BudgetDefinition budget, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Budgets.BudgetDefinition>> ListBudgetsAsync(string projectId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Outlay.Core.Budgets.BudgetDefinition?> GetBudgetAsync(string projectId, string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteBudgetAsync(string projectId, string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Budgets.BudgetDefinition>> ListAllBudgetsAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> TryRecordBudgetAlertAsync(Outlay.Core.Alerts.BudgetAlert alert, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Alerts.BudgetAlert>> ListBudgetAlertsAsync(string projectId, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<RepriceResult> RepriceAsync(RepriceRequest request, Func<StoredUsage, Outlay.Core.Pricing.CostResult> price, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task AddAlertChannelAsync(Outlay.Core.Alerts.AlertChannel channel, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Alerts.AlertChannel>> ListAlertChannelsAsync(string projectId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Outlay.Core.Alerts.AlertChannel?> GetAlertChannelAsync(string projectId, string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteAlertChannelAsync(string projectId, string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Alerts.AlertChannelHealth>> ListAlertChannelHealthAsync(string projectId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Outlay.Core.Alerts.AlertDelivery?> QueueTestAlertDeliveryAsync(string projectId, string channelId, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Alerts.ClaimedAlertDelivery>> ClaimAlertDeliveriesAsync(DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> CompleteAlertDeliveryAsync(long deliveryId, string leaseToken, Outlay.Core.Alerts.AlertDeliveryCompletion completion, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Alerts.AlertDelivery>> ListAlertDeliveriesAsync(string projectId, int limit, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public Task<Outlay.Core.Findings.FindingRecordResult> RecordFindingAsync(Outlay.Core.Findings.FindingObservation observation, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Findings.Finding>> ListFindingsAsync(string projectId, Outlay.Core.Findings.FindingQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Outlay.Core.Findings.Finding?> GetFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Outlay.Core.Findings.Finding?> AcknowledgeFindingAsync(string projectId, Guid id, string? by, DateTimeOffset at, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Outlay.Core.Findings.Finding?> SnoozeFindingAsync(string projectId, Guid id, DateTimeOffset? until, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<Outlay.Core.Findings.Finding?> ReopenFindingAsync(string projectId, Guid id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Credentials.CredentialPlace>> ListCredentialPlacesAsync(string projectId, string? keyLabel, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Credentials.CredentialUsageRow>> QueryCredentialUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, string? keyLabel, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SetCredentialRetirementAsync(Outlay.Core.Credentials.CredentialRetirement retirement, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Credentials.CredentialRetirement>> ListCredentialRetirementsAsync(string projectId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteCredentialRetirementAsync(string projectId, string keyLabel, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> UpsertProviderUsageAsync(string projectId, IReadOnlyList<Outlay.Core.Reconciliation.ProviderUsageRecord> records, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Reconciliation.ProviderUsageRecord>> QueryProviderUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task SetProviderKeyMappingAsync(Outlay.Core.Reconciliation.ProviderKeyMapping mapping, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<Outlay.Core.Reconciliation.ProviderKeyMapping>> ListProviderKeyMappingsAsync(string projectId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> DeleteProviderKeyMappingAsync(string projectId, string provider, string providerRef, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
