using Outlay.Core.Credentials;

namespace Outlay.Storage.Postgres;

// PENDING (issue 6, credential activity storage): replaced by the real implementation this session.
public sealed partial class PostgresOutlayStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<CredentialPlace>> ListCredentialPlacesAsync(string projectId, string? keyLabel, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<CredentialUsageRow>> QueryCredentialUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, string? keyLabel, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task SetCredentialRetirementAsync(CredentialRetirement retirement, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<IReadOnlyList<CredentialRetirement>> ListCredentialRetirementsAsync(string projectId, CancellationToken cancellationToken = default) => throw new NotImplementedException();

    /// <inheritdoc />
    public Task<bool> DeleteCredentialRetirementAsync(string projectId, string keyLabel, CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
