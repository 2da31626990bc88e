using Outlay.Core.Reconciliation;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Postgres;

/// <summary>The providers' own usage records and how their keys map to key labels.</summary>
public sealed partial class PostgresOutlayStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">A record cannot be stored (see <c>ProviderUsageColumns</c>): day not a UTC midnight, unknown tier, a name too long, a count outside 0–10^15.</exception>
    public async Task<int> UpsertProviderUsageAsync(string projectId, IReadOnlyList<ProviderUsageRecord> records, CancellationToken cancellationToken = default)
    {
        ProviderUsageColumns.Validate(projectId, records);
        return records.Count == 0 ? 0 : await ProviderUsageTable.UpsertAsync(_dataSource, projectId, records, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProviderUsageRecord>> QueryProviderUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return await ProviderUsageTable.QueryAsync(_dataSource, projectId, from, to, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A part of the mapping is empty or too long.</exception>
    public Task SetProviderKeyMappingAsync(ProviderKeyMapping mapping, CancellationToken cancellationToken = default)
    {
        ProviderKeyMappingColumns.Validate(mapping);
        return ProviderUsageTable.SetMappingAsync(_dataSource, mapping, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProviderKeyMapping>> ListProviderKeyMappingsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return await ProviderUsageTable.ListMappingsAsync(_dataSource, projectId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> DeleteProviderKeyMappingAsync(string projectId, string provider, string providerRef, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(providerRef);
        return ProviderUsageTable.DeleteMappingAsync(_dataSource, projectId, provider, providerRef, cancellationToken);
    }
}
