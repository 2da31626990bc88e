using System.Collections.Concurrent;

namespace Outlay.Storage.ClickHouse;

/// <summary>
/// One append lock per ClickHouse database in this process (keyed by server and database), shared by every store
/// instance: the id check and the insert that follows it must not interleave with another append or re-pricing of the
/// same database, or both could see an id as new.
/// </summary>
internal static class AppendLocks
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    public static SemaphoreSlim For(ClickHouseStoreOptions options) =>
        Locks.GetOrAdd(options.Server.GetLeftPart(UriPartial.Authority) + "/" + options.Database, _ => new SemaphoreSlim(1, 1));
}
