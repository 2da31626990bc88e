using Outlay.Server.Auth;

namespace Outlay.Server.Ingest;

/// <summary>
/// Enforces an ingest key's environment restriction. An event with no environment is refused by a restricted
/// key: the key is scoped, and an unscoped event would slip past the restriction.
/// </summary>
internal static class EnvironmentScope
{
    /// <summary>Null when the event may be stored; otherwise the per-event error (never echoing the event's value).</summary>
    public static string? Check(AuthenticatedKey caller, string? environment)
    {
        if (caller.Environments.Count == 0)
        {
            return null;
        }

        var allowed = string.Join(", ", caller.Environments);
        if (environment is null)
        {
            return $"environment: required, because this key may only send events for: {allowed}.";
        }

        foreach (var permitted in caller.Environments)
        {
            if (string.Equals(permitted, environment, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return $"environment: this key may only send events for: {allowed}.";
    }
}
