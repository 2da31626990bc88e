using Outlay.Core.Storage;

namespace Outlay.Core.Querying;

/// <summary>
/// The one way to answer a <see cref="SpendQuery"/>: the HTTP API, the CLI and the dashboard all call
/// <see cref="RunAsync"/>, so every surface shows the same numbers to the nano-dollar.
/// </summary>
public static class SpendQueries
{
    /// <summary>
    /// Runs <paramref name="query"/> against <paramref name="projectId"/>'s spend. A <see cref="SpendInterval.Day"/>
    /// series in a zone other than UTC is asked of the store hour by hour and folded into local days: an hour belongs
    /// to the local day in which it starts, and the day's bucket is its local midnight with that day's offset. This is
    /// exact for zones whose offsets are whole hours (daylight-saving days simply hold 23 or 25 hours). For zones
    /// offset by 30 or 45 minutes (Asia/Kolkata, Australia/Adelaide, Asia/Kathmandu) the hour that straddles local
    /// midnight counts wholly toward the day in which it starts, because rollups are hourly. Row order follows the store:
    /// cost descending, then group-by values (unset first, then by UTF-8 bytes), then bucket ascending.
    /// </summary>
    public static async Task<SpendResult> RunAsync(IOutlayStore store, string projectId, SpendQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        if (query.Interval != SpendInterval.Day || query.IsUtc)
        {
            return await store.QuerySpendAsync(projectId, query, ct).ConfigureAwait(false);
        }

        var hourly = await store.QuerySpendAsync(projectId, query with { Interval = SpendInterval.Hour }, ct).ConfigureAwait(false);
        return LocalDayFolding.Fold(hourly, query);
    }
}
