namespace Outlay.Core.Storage;

/// <summary>
/// Which stored events to price again: those of <see cref="ProjectId"/> (null = every project) whose timestamp is in
/// [<see cref="From"/>, <see cref="To"/>), optionally only one <see cref="Provider"/> and <see cref="Model"/> exactly as
/// stored. With <see cref="DryRun"/> the counts are computed and nothing is written.
/// </summary>
/// <param name="ProjectId">One project's id, or null for every project.</param>
/// <param name="From">Inclusive start (UTC instant).</param>
/// <param name="To">Exclusive end; after <paramref name="From"/>.</param>
/// <param name="Provider">Only events with this provider as stored; null = any.</param>
/// <param name="Model">Only events with this model as stored; null = any.</param>
/// <param name="DryRun">Count what would change without writing. Default false.</param>
public sealed record RepriceRequest(
    string? ProjectId,
    DateTimeOffset From,
    DateTimeOffset To,
    string? Provider = null,
    string? Model = null,
    bool DryRun = false)
{
    /// <summary>Events priced in one write transaction: 5,000, so concurrent ingest waits at most one short transaction.</summary>
    public const int BatchSize = 5_000;
}
