namespace Outlay.Core.Credentials;

/// <summary>
/// One place a provider credential (by its key label) has been used: a (service, environment, instance, model)
/// combination, with exact first and last event times. Maintained with the events, so "where is this credential in
/// use?" never scans them. Unset columns are empty strings; events without a key label are not tracked here.
/// </summary>
/// <param name="KeyLabel">The credential's label.</param>
/// <param name="Service">The service, or empty.</param>
/// <param name="Environment">The environment, or empty.</param>
/// <param name="Instance">The instance, or empty.</param>
/// <param name="Model">The model as the event named it.</param>
/// <param name="FirstSeen">Timestamp of the earliest event here.</param>
/// <param name="LastSeen">Timestamp of the latest event here.</param>
/// <param name="Events">Events stored here.</param>
public sealed record CredentialPlace(
    string KeyLabel,
    string Service,
    string Environment,
    string Instance,
    string Model,
    DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen,
    long Events);
