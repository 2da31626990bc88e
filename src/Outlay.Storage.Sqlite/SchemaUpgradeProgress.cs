namespace Outlay.Storage.Sqlite;

/// <summary>
/// Where an upgrade of an existing store's schema is, reported while <see cref="SqliteOutlayStore.InitializeAsync"/>
/// runs one: once before the first step, after each version, and once when it is committed. Some versions rebuild a
/// table, which on a store of millions of events takes minutes, so a server can say why it is not listening yet.
/// </summary>
/// <param name="FromVersion">The version the file had.</param>
/// <param name="ToVersion">The version this Outlay brings it to.</param>
/// <param name="Version">The last version applied; <paramref name="FromVersion"/> before the first step.</param>
/// <param name="Events">The events the store holds (counted once, before the first step).</param>
/// <param name="Elapsed">Time since the upgrade began.</param>
/// <param name="Committed">True for the last report only: every version is applied and committed.</param>
/// <param name="FreeBytes">In the last report (else 0): file pages left free, reused by new rows rather than returned to the disk.</param>
public sealed record SchemaUpgradeProgress(int FromVersion, int ToVersion, int Version, long Events, TimeSpan Elapsed, bool Committed, long FreeBytes)
{
    /// <summary>True for the report before the first step.</summary>
    public bool IsStart => Version == FromVersion && !Committed;
}
