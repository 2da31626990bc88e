namespace Outlay.Core.Findings;

/// <summary>Which findings to list, newest <see cref="Finding.LastSeen"/> first.</summary>
/// <param name="Status">Only findings with this status; null for all.</param>
/// <param name="Kind">Only this kind; null for all.</param>
/// <param name="KeyLabel">Only findings about this key label; null for all.</param>
/// <param name="Limit">At most this many (1–1000; default 200).</param>
public sealed record FindingQuery(FindingStatus? Status = null, string? Kind = null, string? KeyLabel = null, int Limit = 200)
{
    /// <summary>Largest <see cref="Limit"/>.</summary>
    public const int MaxLimit = 1000;
}
