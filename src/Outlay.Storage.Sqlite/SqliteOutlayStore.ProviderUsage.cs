using Outlay.Core.Reconciliation;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>The providers' own usage records and how their keys map to key labels.</summary>
public sealed partial class SqliteOutlayStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException">A record cannot be stored (see <c>ProviderUsageColumns</c>): day not a UTC midnight, unknown tier, a name too long, a count outside 0–10^15.</exception>
    public async Task<int> UpsertProviderUsageAsync(string projectId, IReadOnlyList<ProviderUsageRecord> records, CancellationToken cancellationToken = default)
    {
        ProviderUsageColumns.Validate(projectId, records);
        return records.Count == 0
            ? 0
            : await WriteAsync(() => ProviderUsageTable.Upsert(_writer, projectId, records), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProviderUsageRecord>> QueryProviderUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return await ReadAsync(c => ProviderUsageTable.Query(c, projectId, from, to), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">A part of the mapping is empty or too long.</exception>
    public Task SetProviderKeyMappingAsync(ProviderKeyMapping mapping, CancellationToken cancellationToken = default)
    {
        ProviderKeyMappingColumns.Validate(mapping);
        return WriteAsync(() => ProviderUsageTable.SetMapping(_writer, mapping), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ProviderKeyMapping>> ListProviderKeyMappingsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return await ReadAsync(c => ProviderUsageTable.ListMappings(c, projectId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<bool> DeleteProviderKeyMappingAsync(string projectId, string provider, string providerRef, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(providerRef);
        return WriteAsync(() => ProviderUsageTable.DeleteMapping(_writer, projectId, provider, providerRef), cancellationToken);
    }
}
