using Outlay.Core.Credentials;
using Outlay.Storage.Relational;

namespace Outlay.Storage.Sqlite;

/// <summary>Credential activity: places and hourly usage (maintained by the appender), and retirements.</summary>
public sealed partial class SqliteOutlayStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="keyLabel"/> is given and not 1–128 characters.</exception>
    public async Task<IReadOnlyList<CredentialPlace>> ListCredentialPlacesAsync(string projectId, string? keyLabel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        if (keyLabel is not null)
        {
            CredentialColumns.ValidateLabel(keyLabel, nameof(keyLabel));
        }

        return await ReadAsync(c => CredentialTables.ListPlaces(c, projectId, keyLabel), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>, or <paramref name="keyLabel"/> is given and not 1–128 characters.</exception>
    /// <remarks><paramref name="from"/> is floored and <paramref name="to"/> raised to whole UTC hours.</remarks>
    public async Task<IReadOnlyList<CredentialUsageRow>> QueryCredentialUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, string? keyLabel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        CredentialColumns.ValidateRange(from, to);
        if (keyLabel is not null)
        {
            CredentialColumns.ValidateLabel(keyLabel, nameof(keyLabel));
        }

        return await ReadAsync(c => CredentialTables.QueryUsage(c, projectId, from, to, keyLabel), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The project is empty, a label is not 1–128 characters, or the note is longer than 500.</exception>
    public Task SetCredentialRetirementAsync(CredentialRetirement retirement, CancellationToken cancellationToken = default)
    {
        CredentialColumns.Validate(retirement);
        return WriteAsync(() => CredentialTables.SetRetirement(_writer, retirement), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CredentialRetirement>> ListCredentialRetirementsAsync(string projectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return await ReadAsync(c => CredentialTables.ListRetirements(c, projectId), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="keyLabel"/> is not 1–128 characters.</exception>
    public Task<bool> DeleteCredentialRetirementAsync(string projectId, string keyLabel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        CredentialColumns.ValidateLabel(keyLabel, nameof(keyLabel));
        return WriteAsync(() => CredentialTables.DeleteRetirement(_writer, projectId, keyLabel), cancellationToken);
    }
}
