namespace Outlay.Core.Credentials;

/// <summary>
/// Everything known about one key label: where it is used (each service, environment, instance and model with first and
/// last seen, and the exact places), its spend per UTC day, and whether it is retired. Built by
/// <see cref="CredentialInventory.Build"/>.
/// </summary>
/// <param name="KeyLabel">The credential's label.</param>
/// <param name="State">Active, retired, or retired but still in use.</param>
/// <param name="Retirement">The retirement, or null when the label is active.</param>
/// <param name="InUseSince">
/// For <see cref="CredentialState.RetiredInUse"/>: the earliest known use at or after the retirement time — exact when a
/// place first appeared after it, otherwise to the hour from the usage rows, otherwise the retirement time itself.
/// Null in the other states.
/// </param>
/// <param name="FirstSeen">The label's earliest event, or null when it was never seen (retired before any use).</param>
/// <param name="LastSeen">The label's latest event, or null when it was never seen.</param>
/// <param name="Events">Events with the label.</param>
/// <param name="Services">Each service, by last seen (most recent first).</param>
/// <param name="Environments">Each environment, by last seen.</param>
/// <param name="Instances">Each instance, by last seen.</param>
/// <param name="Models">Each model, by last seen.</param>
/// <param name="Places">Every (service, environment, instance, model) place, by last seen.</param>
/// <param name="DailySpend">Spend per UTC day, oldest first; only days with usage rows appear.</param>
public sealed record CredentialInventoryEntry(
    string KeyLabel,
    CredentialState State,
    CredentialRetirement? Retirement,
    DateTimeOffset? InUseSince,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    long Events,
    IReadOnlyList<CredentialSighting> Services,
    IReadOnlyList<CredentialSighting> Environments,
    IReadOnlyList<CredentialSighting> Instances,
    IReadOnlyList<CredentialSighting> Models,
    IReadOnlyList<CredentialPlace> Places,
    IReadOnlyList<CredentialDailySpend> DailySpend)
{
    /// <summary>True when the label is retired and <paramref name="place"/> saw an event at or after the retirement time.</summary>
    public bool IsUsedAfterRetirement(CredentialPlace place)
    {
        ArgumentNullException.ThrowIfNull(place);
        return Retirement is { } retirement && place.LastSeen >= retirement.RetiredAt;
    }
}
