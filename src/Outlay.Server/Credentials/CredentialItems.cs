using System.Globalization;
using Outlay.Core.Credentials;
using Outlay.Core.Pricing;

namespace Outlay.Server.Credentials;

/// <summary>Builds API items from the core credential views.</summary>
internal static class CredentialItems
{
    public static CredentialItem From(CredentialInventoryEntry entry, bool withPlaces) => new(
        entry.KeyLabel,
        CredentialStates.Name(entry.State),
        entry.Retirement is { } r ? new CredentialRetirementItem(r.RetiredAt, r.ReplacedBy, r.Note, r.CreatedAt, r.CreatedBy) : null,
        entry.InUseSince,
        entry.FirstSeen,
        entry.LastSeen,
        entry.Events,
        Sightings(entry.Services),
        Sightings(entry.Environments),
        Sightings(entry.Instances),
        Sightings(entry.Models),
        entry.DailySpend
            .Select(d => new CredentialDaySpendItem(
                d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                NanoUsd.ToUsd(d.CostNanoUsd),
                d.CostNanoUsd,
                d.Events,
                d.UnpricedEvents,
                d.InputTokens,
                d.OutputTokens))
            .ToList(),
        withPlaces
            ? entry.Places
                .Select(p => new CredentialPlaceItem(p.Service, p.Environment, p.Instance, p.Model, p.FirstSeen, p.LastSeen, p.Events, entry.IsUsedAfterRetirement(p)))
                .ToList()
            : null);

    public static CredentialRotationResponse From(CredentialRotation rotation) => new(
        rotation.OldLabel,
        rotation.NewLabel,
        rotation.MovedCount,
        rotation.BothCount,
        rotation.NotMovedCount,
        rotation.Places
            .Select(p => new CredentialRotationPlaceItem(
                p.Service,
                p.Environment,
                p.Instance,
                CredentialRotationStatuses.Name(p.Status),
                p.OldFirstSeen,
                p.OldLastSeen,
                p.NewFirstSeen,
                p.NewLastSeen))
            .ToList());

    private static List<CredentialSightingItem> Sightings(IReadOnlyList<CredentialSighting> sightings) =>
        sightings.Select(s => new CredentialSightingItem(s.Value, s.FirstSeen, s.LastSeen, s.Events)).ToList();
}
