using Outlay.Core.Reconciliation;

namespace Outlay.Core.Storage;

/// <summary>The part of the storage contract that keeps the providers' own usage records and how their keys map to key labels.</summary>
public interface IProviderUsageStore
{
    /// <summary>
    /// Stores provider-reported usage, each record replacing any stored one with the same natural key (see
    /// <see cref="ProviderUsageRecord"/>), in one transaction; returns how many rows were inserted or replaced.
    /// Two exceptions let usage and costs of the same key and day be imported in either order: a cost-only record (no
    /// request count, no tokens, a cost: a costs export) sets only the stored row's cost, and a record without a cost
    /// keeps the stored cost.
    /// </summary>
    Task<int> UpsertProviderUsageAsync(string projectId, IReadOnlyList<ProviderUsageRecord> records, CancellationToken cancellationToken = default);

    /// <summary>Provider-reported usage for days starting in [<paramref name="from"/>, <paramref name="to"/>), by day, provider, key, project, model, tier.</summary>
    Task<IReadOnlyList<ProviderUsageRecord>> QueryProviderUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>Maps a provider key or project id to a key label, replacing an earlier mapping of the same (provider, ref).</summary>
    Task SetProviderKeyMappingAsync(ProviderKeyMapping mapping, CancellationToken cancellationToken = default);

    /// <summary>The project's mappings, by provider then ref.</summary>
    Task<IReadOnlyList<ProviderKeyMapping>> ListProviderKeyMappingsAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a mapping; false when there was none.</summary>
    Task<bool> DeleteProviderKeyMappingAsync(string projectId, string provider, string providerRef, CancellationToken cancellationToken = default);
}
