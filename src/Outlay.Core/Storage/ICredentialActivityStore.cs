using Outlay.Core.Credentials;

namespace Outlay.Core.Storage;

/// <summary>
/// The part of the storage contract that knows where each provider credential (key label) is used, kept with the
/// events: exact places with first and last seen, and an hourly rollup per place and feature.
/// </summary>
public interface ICredentialActivityStore
{
    /// <summary>Every place a key label has been used in the project (only <paramref name="keyLabel"/>'s when given), most recently seen first.</summary>
    Task<IReadOnlyList<CredentialPlace>> ListCredentialPlacesAsync(string projectId, string? keyLabel, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hourly credential usage in [<paramref name="from"/>, <paramref name="to"/>) (whole hours, UTC), only
    /// <paramref name="keyLabel"/>'s when given; ordered by hour, then label, service, environment, instance, model, feature.
    /// </summary>
    Task<IReadOnlyList<CredentialUsageRow>> QueryCredentialUsageAsync(string projectId, DateTimeOffset from, DateTimeOffset to, string? keyLabel, CancellationToken cancellationToken = default);

    /// <summary>Marks a key label retired, replacing an earlier retirement of the same label.</summary>
    Task SetCredentialRetirementAsync(CredentialRetirement retirement, CancellationToken cancellationToken = default);

    /// <summary>The project's retired key labels, by label.</summary>
    Task<IReadOnlyList<CredentialRetirement>> ListCredentialRetirementsAsync(string projectId, CancellationToken cancellationToken = default);

    /// <summary>Un-retires a key label; false when it was not retired.</summary>
    Task<bool> DeleteCredentialRetirementAsync(string projectId, string keyLabel, CancellationToken cancellationToken = default);
}
