namespace Outlay.Core.Credentials;

/// <summary>
/// One value of one dimension (a service, an environment, an instance or a model) a key label was used with, over all
/// its places: exact first and last event times and the number of events. An unset dimension is the empty string.
/// </summary>
/// <param name="Value">The service, environment, instance or model, or empty.</param>
/// <param name="FirstSeen">The earliest event with this value.</param>
/// <param name="LastSeen">The latest event with this value.</param>
/// <param name="Events">Events with this value.</param>
public sealed record CredentialSighting(string Value, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, long Events);
