namespace Outlay.Core.Credentials;

/// <summary>
/// The rotation runbook's list for a key label being replaced: every place that used either label, with whether it has
/// moved to the new one. Built by <see cref="Build"/>.
/// </summary>
/// <param name="OldLabel">The label being replaced.</param>
/// <param name="NewLabel">The label replacing it.</param>
/// <param name="Places">Not moved first, then both, then moved; each group by service, environment and instance (ordinal).</param>
public sealed record CredentialRotation(string OldLabel, string NewLabel, IReadOnlyList<CredentialRotationPlace> Places)
{
    /// <summary>Places with <see cref="CredentialRotationStatus.Moved"/>.</summary>
    public int MovedCount => Places.Count(p => p.Status == CredentialRotationStatus.Moved);

    /// <summary>Places with <see cref="CredentialRotationStatus.NotMoved"/>.</summary>
    public int NotMovedCount => Places.Count(p => p.Status == CredentialRotationStatus.NotMoved);

    /// <summary>Places with <see cref="CredentialRotationStatus.Both"/>.</summary>
    public int BothCount => Places.Count(p => p.Status == CredentialRotationStatus.Both);

    /// <summary>
    /// The rotation from <paramref name="oldLabel"/> to <paramref name="newLabel"/> over <paramref name="places"/> (places of
    /// other labels are ignored). Models are merged: a place is a service × environment × instance.
    /// </summary>
    public static CredentialRotation Build(string oldLabel, string newLabel, IEnumerable<CredentialPlace> places)
    {
        ArgumentNullException.ThrowIfNull(oldLabel);
        ArgumentNullException.ThrowIfNull(newLabel);
        ArgumentNullException.ThrowIfNull(places);
        if (string.Equals(oldLabel, newLabel, StringComparison.Ordinal))
        {
            throw new ArgumentException("The new label must differ from the old one.", nameof(newLabel));
        }

        var rows = places
            .Where(p => string.Equals(p.KeyLabel, oldLabel, StringComparison.Ordinal) || string.Equals(p.KeyLabel, newLabel, StringComparison.Ordinal))
            .GroupBy(p => (p.Service, p.Environment, p.Instance))
            .Select(g =>
            {
                var old = g.Where(p => string.Equals(p.KeyLabel, oldLabel, StringComparison.Ordinal)).ToList();
                var replacement = g.Where(p => string.Equals(p.KeyLabel, newLabel, StringComparison.Ordinal)).ToList();
                DateTimeOffset? oldFirst = old.Count == 0 ? null : old.Min(p => p.FirstSeen);
                DateTimeOffset? oldLast = old.Count == 0 ? null : old.Max(p => p.LastSeen);
                DateTimeOffset? newFirst = replacement.Count == 0 ? null : replacement.Min(p => p.FirstSeen);
                DateTimeOffset? newLast = replacement.Count == 0 ? null : replacement.Max(p => p.LastSeen);
                var status = newFirst is null ? CredentialRotationStatus.NotMoved
                    : oldLast is { } last && last >= newFirst.Value ? CredentialRotationStatus.Both
                    : CredentialRotationStatus.Moved;
                return new CredentialRotationPlace(g.Key.Service, g.Key.Environment, g.Key.Instance, status, oldFirst, oldLast, newFirst, newLast);
            })
            .OrderBy(p => p.Status)
            .ThenBy(p => p.Service, StringComparer.Ordinal)
            .ThenBy(p => p.Environment, StringComparer.Ordinal)
            .ThenBy(p => p.Instance, StringComparer.Ordinal)
            .ToList();
        return new CredentialRotation(oldLabel, newLabel, rows);
    }
}
