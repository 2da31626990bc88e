using Outlay.Core.Reconciliation;

namespace Outlay.Storage.Sqlite;

// PENDING (issue 6, provider usage storage): replaced by the real implementation this session.
public sealed partial class SqliteOutlayStore
{
    /// <inheritdoc />
    public Task<int> UpsertProviderUsageAsync(string projectId, IReadOnlyList<ProviderUsageRecord> records, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<ProviderUsageRecord>> QueryProviderUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task SetProviderKeyMappingAsync(ProviderKeyMapping mapping, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<ProviderKeyMapping>> ListProviderKeyMappingsAsync(string projectId, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<bool> DeleteProviderKeyMappingAsync(string projectId, string provider, string providerRef, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
