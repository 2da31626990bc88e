namespace Outlay.Core.Credentials;

/// <summary>
/// One place (service × environment × instance, over all models) in a rotation from an old key label to a new one, with
/// the first and last event of each label there. Unset dimensions are empty strings.
/// </summary>
/// <param name="Service">The service, or empty.</param>
/// <param name="Environment">The environment, or empty.</param>
/// <param name="Instance">The instance, or empty.</param>
/// <param name="Status">Moved, not moved, or both.</param>
/// <param name="OldFirstSeen">The old label's first event here, or null when it was never used here.</param>
/// <param name="OldLastSeen">The old label's last event here, or null.</param>
/// <param name="NewFirstSeen">The new label's first event here, or null when it was never used here.</param>
/// <param name="NewLastSeen">The new label's last event here, or null.</param>
public sealed record CredentialRotationPlace(
    string Service,
    string Environment,
    string Instance,
    CredentialRotationStatus Status,
    DateTimeOffset? OldFirstSeen,
    DateTimeOffset? OldLastSeen,
    DateTimeOffset? NewFirstSeen,
    DateTimeOffset? NewLastSeen);
