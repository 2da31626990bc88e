namespace Outlay.Core.Credentials;

/// <summary>Builds the credential inventory from what the store keeps: places, hourly usage rows and retirements.</summary>
public static class CredentialInventory
{
    /// <summary>
    /// One entry per key label that has a place, a usage row or a retirement, ordered by label (ordinal). Places, rows
    /// and retirements must belong to one project; rows outside the wanted day range should be left out by the caller.
    /// </summary>
    public static IReadOnlyList<CredentialInventoryEntry> Build(
        IEnumerable<CredentialPlace> places,
        IEnumerable<CredentialUsageRow> usage,
        IEnumerable<CredentialRetirement> retirements)
    {
        ArgumentNullException.ThrowIfNull(places);
        ArgumentNullException.ThrowIfNull(usage);
        ArgumentNullException.ThrowIfNull(retirements);

        var placesByLabel = places.GroupBy(p => p.KeyLabel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var usageByLabel = usage.GroupBy(r => r.KeyLabel, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var retirementByLabel = new Dictionary<string, CredentialRetirement>(StringComparer.Ordinal);
        foreach (var retirement in retirements)
        {
            retirementByLabel[retirement.KeyLabel] = retirement;
        }

        var labels = placesByLabel.Keys.Concat(usageByLabel.Keys).Concat(retirementByLabel.Keys)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var entries = new List<CredentialInventoryEntry>();
        foreach (var label in labels)
        {
            entries.Add(BuildEntry(
                label,
                placesByLabel.GetValueOrDefault(label) ?? [],
                usageByLabel.GetValueOrDefault(label) ?? [],
                retirementByLabel.GetValueOrDefault(label)));
        }

        return entries;
    }

    private static CredentialInventoryEntry BuildEntry(string label, List<CredentialPlace> places, List<CredentialUsageRow> usage, CredentialRetirement? retirement)
    {
        var ordered = places
            .OrderByDescending(p => p.LastSeen)
            .ThenBy(p => p.Service, StringComparer.Ordinal)
            .ThenBy(p => p.Environment, StringComparer.Ordinal)
            .ThenBy(p => p.Instance, StringComparer.Ordinal)
            .ThenBy(p => p.Model, StringComparer.Ordinal)
            .ToList();
        var state = CredentialState.Active;
        DateTimeOffset? inUseSince = null;
        if (retirement is not null)
        {
            inUseSince = InUseSince(retirement, ordered, usage);
            state = inUseSince is null ? CredentialState.Retired : CredentialState.RetiredInUse;
        }

        return new CredentialInventoryEntry(
            label,
            state,
            retirement,
            inUseSince,
            ordered.Count == 0 ? null : ordered.Min(p => p.FirstSeen),
            ordered.Count == 0 ? null : ordered.Max(p => p.LastSeen),
            ordered.Sum(p => p.Events),
            Sightings(ordered, p => p.Service),
            Sightings(ordered, p => p.Environment),
            Sightings(ordered, p => p.Instance),
            Sightings(ordered, p => p.Model),
            ordered,
            Daily(usage));
    }

    private static List<CredentialSighting> Sightings(List<CredentialPlace> places, Func<CredentialPlace, string> dimension) =>
        places
            .GroupBy(dimension, StringComparer.Ordinal)
            .Select(g => new CredentialSighting(g.Key, g.Min(p => p.FirstSeen), g.Max(p => p.LastSeen), g.Sum(p => p.Events)))
            .OrderByDescending(s => s.LastSeen)
            .ThenBy(s => s.Value, StringComparer.Ordinal)
            .ToList();

    private static List<CredentialDailySpend> Daily(List<CredentialUsageRow> usage) =>
        usage
            .GroupBy(r => DateOnly.FromDateTime(r.Hour.UtcDateTime))
            .OrderBy(g => g.Key)
            .Select(g => new CredentialDailySpend(
                g.Key,
                g.Sum(r => r.CostNanoUsd),
                g.Sum(r => r.Events),
                g.Sum(r => r.UnpricedEvents),
                g.Sum(r => r.InputTokens),
                g.Sum(r => r.OutputTokens)))
            .ToList();

    // Places keep exact first and last times only, so a place used before and after the retirement has its first
    // post-retirement use known to the hour at best (from its usage rows), and to the retirement time at worst.
    private static DateTimeOffset? InUseSince(CredentialRetirement retirement, List<CredentialPlace> places, List<CredentialUsageRow> usage)
    {
        var retiredAt = retirement.RetiredAt;
        var retiredHour = new DateTimeOffset(retiredAt.UtcTicks - (retiredAt.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        DateTimeOffset? since = null;
        foreach (var place in places)
        {
            if (place.LastSeen < retiredAt)
            {
                continue;
            }

            DateTimeOffset candidate;
            if (place.FirstSeen >= retiredAt)
            {
                candidate = place.FirstSeen;
            }
            else
            {
                var firstHour = usage
                    .Where(r => r.Hour >= retiredHour && r.Events > 0 && SamePlace(r, place))
                    .Select(r => (DateTimeOffset?)r.Hour)
                    .Min();
                candidate = firstHour is { } hour && hour > retiredAt ? hour : retiredAt;
            }

            if (since is null || candidate < since)
            {
                since = candidate;
            }
        }

        return since;
    }

    private static bool SamePlace(CredentialUsageRow row, CredentialPlace place) =>
        string.Equals(row.Service, place.Service, StringComparison.Ordinal)
        && string.Equals(row.Environment, place.Environment, StringComparison.Ordinal)
        && string.Equals(row.Instance, place.Instance, StringComparison.Ordinal)
        && string.Equals(row.Model, place.Model, StringComparison.Ordinal);
}
