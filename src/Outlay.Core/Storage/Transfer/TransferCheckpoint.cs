namespace Outlay.Core.Storage.Transfer;

/// <summary>
/// How far a migration from <paramref name="Source"/> has copied one project's events into the store that keeps it
/// (the destination): every event up to and including <paramref name="Cursor"/> (the source's export cursor) is committed.
/// </summary>
/// <param name="Source">The source store's display form (never a password).</param>
/// <param name="ProjectId">The project (same id in both stores).</param>
/// <param name="Cursor">The source's cursor after the last committed page; null before the first page.</param>
/// <param name="EventsCopied">Events read from the source and committed so far (duplicates included).</param>
/// <param name="UpdatedAt">When this checkpoint was written.</param>
public sealed record TransferCheckpoint(string Source, string ProjectId, string? Cursor, long EventsCopied, DateTimeOffset UpdatedAt)
{
    /// <summary>Longest source text kept: 512 characters.</summary>
    public const int MaxSourceLength = 512;
}
