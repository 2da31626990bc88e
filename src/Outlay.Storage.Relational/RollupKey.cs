using Outlay.Core.Events;

namespace Outlay.Storage.Relational;

/// <summary>
/// One row of <c>rollups_hourly</c> within a project. Unset optional dimensions are stored as empty text
/// because primary-key columns of a WITHOUT ROWID table cannot be NULL (and NULLs would never conflict).
/// </summary>
internal readonly record struct RollupKey(
    long Hour,
    string Provider,
    string Model,
    string Operation,
    string Service,
    string Environment,
    string KeyLabel,
    string Status,
    string ServiceTier,
    string TagsJson)
{
    /// <summary>The key <paramref name="e"/> rolls up under: its UTC hour and dimensions, unset optional ones as ''.</summary>
    public static RollupKey Of(UsageEvent e, string tagsJson) => new(
        HourOf(e.Timestamp.ToUnixTimeSeconds()),
        e.Provider,
        e.Model,
        e.Operation,
        e.Service ?? string.Empty,
        e.Environment ?? string.Empty,
        e.KeyLabel ?? string.Empty,
        e.Status,
        e.ServiceTier,
        tagsJson);

    /// <summary>The start of the UTC hour holding <paramref name="unixSeconds"/> (floored, also before 1970).</summary>
    public static long HourOf(long unixSeconds) => unixSeconds - (((unixSeconds % 3600) + 3600) % 3600);
}
