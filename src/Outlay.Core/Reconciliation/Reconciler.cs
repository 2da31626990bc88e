using System.Globalization;
using Outlay.Core.Findings;
using Outlay.Core.Pricing;

namespace Outlay.Core.Reconciliation;

/// <summary>
/// Sets provider-reported usage against tracked usage per UTC day × provider × model × key label, gives each row its
/// likely cause, and raises one critical <see cref="FindingKinds.UntrackedUsage"/> observation per (provider, key
/// label, day) on which the provider reports usage on a mapped key that tracked events do not explain: none tracked,
/// or at least <see cref="ReconciliationOptions.UntrackedRatio"/> × the tracked input or output tokens with a gap of at
/// least <see cref="ReconciliationOptions.MinimumUntrackedTokens"/>. A provider key id maps through its own mapping
/// first, then through its project's. Models compare by <see cref="ReconciliationModelNames"/>; a provider row not
/// grouped by model takes every tracked model of its key and day. Tracked usage the provider did not report becomes a
/// row of its own only for a day and provider whose report is grouped by key or project.
/// </summary>
public static class Reconciler
{
    /// <summary>Reconciles; pure, so the same inputs always give the same report.</summary>
    public static ReconciliationReport Reconcile(
        string projectId,
        IReadOnlyList<ProviderUsageRecord> providerUsage,
        IReadOnlyList<ProviderKeyMapping> mappings,
        IReadOnlyList<TrackedUsage> tracked,
        DateTimeOffset now,
        ReconciliationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(providerUsage);
        ArgumentNullException.ThrowIfNull(mappings);
        ArgumentNullException.ThrowIfNull(tracked);
        options ??= new ReconciliationOptions();

        var labels = new Dictionary<(string Provider, string Ref), string>();
        foreach (var mapping in mappings.Where(m => string.Equals(m.ProjectId, projectId, StringComparison.Ordinal)))
        {
            labels[(ProviderNames.Normalize(mapping.Provider), mapping.ProviderRef)] = mapping.KeyLabel;
        }

        var groups = GroupProviderUsage(providerUsage, labels);
        var trackedEntries = tracked
            .Select(t => new TrackedEntry(t with { Provider = ProviderNames.Normalize(t.Provider) }, ReconciliationModelNames.Key(t.Model)))
            .ToList();
        var trackedByLabel = trackedEntries.ToLookup(t => (t.Usage.Day, t.Usage.Provider, t.Usage.KeyLabel));

        var rows = new List<ReconciliationRow>();

        // Model-specific provider rows take their tracked model first; rows not grouped by model take what is left.
        foreach (var group in groups.OrderBy(g => g.ModelKey.Length == 0))
        {
            var matched = new List<TrackedEntry>();
            if (group.KeyLabel is not null)
            {
                foreach (var entry in trackedByLabel[(group.Day, group.Provider, group.KeyLabel)])
                {
                    if (!entry.Consumed && (group.ModelKey.Length == 0 || string.Equals(entry.ModelKey, group.ModelKey, StringComparison.Ordinal)))
                    {
                        entry.Consumed = true;
                        matched.Add(entry);
                    }
                }
            }

            rows.Add(Row(group, matched, options));
        }

        rows.AddRange(TrackedOnlyRows(groups, trackedEntries, options));
        var ordered = rows
            .OrderBy(r => r.Day)
            .ThenBy(r => r.Provider, StringComparer.Ordinal)
            .ThenBy(r => r.KeyLabel is null)
            .ThenBy(r => r.KeyLabel, StringComparer.Ordinal)
            .ThenBy(r => r.ProviderRef, StringComparer.Ordinal)
            .ThenBy(r => r.Model, StringComparer.Ordinal)
            .ToList();
        return new ReconciliationReport(ordered, UntrackedUsage.Observe(projectId, groups, trackedByLabel, now, options));
    }

    private static List<ProviderGroup> GroupProviderUsage(
        IReadOnlyList<ProviderUsageRecord> records, Dictionary<(string Provider, string Ref), string> labels)
    {
        var groups = new Dictionary<(DateTimeOffset Day, string Provider, string Who, string ModelKey), ProviderGroup>();
        foreach (var record in records)
        {
            var provider = ProviderNames.Normalize(record.Provider);
            var reference = record.ProviderKeyId.Length > 0 ? record.ProviderKeyId : record.ProviderProject;
            var label = LabelOf(labels, provider, record);
            var modelKey = ReconciliationModelNames.Key(record.Model);
            var who = label is null ? "ref\n" + reference : "label\n" + label;
            if (!groups.TryGetValue((record.Day, provider, who, modelKey), out var group))
            {
                group = new ProviderGroup(record.Day, provider, label, modelKey);
                groups[(record.Day, provider, who, modelKey)] = group;
            }

            group.Add(record, reference);
        }

        return [.. groups.Values];
    }

    private static string? LabelOf(Dictionary<(string Provider, string Ref), string> labels, string provider, ProviderUsageRecord record)
    {
        if (record.ProviderKeyId.Length > 0 && labels.TryGetValue((provider, record.ProviderKeyId), out var byKey))
        {
            return byKey;
        }

        return record.ProviderProject.Length > 0 && labels.TryGetValue((provider, record.ProviderProject), out var byProject) ? byProject : null;
    }

    private static IEnumerable<ReconciliationRow> TrackedOnlyRows(List<ProviderGroup> groups, List<TrackedEntry> tracked, ReconciliationOptions options)
    {
        var groupedByKey = groups
            .GroupBy(g => (g.Day, g.Provider))
            .Where(g => g.All(p => p.References.All(r => r.Length > 0)))
            .Select(g => g.Key)
            .ToHashSet();
        return tracked
            .Where(t => !t.Consumed && groupedByKey.Contains((t.Usage.Day, t.Usage.Provider)))
            .GroupBy(t => (t.Usage.Day, t.Usage.Provider, t.Usage.KeyLabel, t.ModelKey))
            .Select(g => Row(new ProviderGroup(g.Key.Day, g.Key.Provider, g.Key.KeyLabel, g.Key.ModelKey), [.. g], options));
    }

    private static ReconciliationRow Row(ProviderGroup group, List<TrackedEntry> matched, ReconciliationOptions options)
    {
        long trackedIn = 0, trackedOut = 0, trackedCache = 0, trackedCost = 0, events = 0, unpriced = 0, trackedBatch = 0;
        foreach (var usage in matched.Select(m => m.Usage))
        {
            trackedIn += usage.InputTokens;
            trackedOut += usage.OutputTokens;
            trackedCache += usage.CacheReadTokens;
            trackedCost += usage.CostNanoUsd;
            events += usage.Events;
            unpriced += usage.UnpricedEvents;
            if (string.Equals(usage.ServiceTier, UsageTiers.Batch, StringComparison.Ordinal))
            {
                trackedBatch += usage.InputTokens + usage.OutputTokens;
            }
        }

        var providerTokens = group.InputTokens + group.OutputTokens;
        var trackedTokens = trackedIn + trackedOut;
        var gap = providerTokens - trackedTokens;
        var model = group.Models.Count > 0
            ? string.Join(", ", group.Models.Order(StringComparer.Ordinal))
            : matched.Select(m => m.Usage.Model).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).FirstOrDefault() ?? string.Empty;

        string cause;
        if (group.KeyLabel is null)
        {
            cause = ReconciliationCauses.UnmappedKey;
        }
        else if (events == 0 && providerTokens > 0)
        {
            cause = ReconciliationCauses.UntrackedKey;
        }
        else if (Agree(providerTokens, trackedTokens, options))
        {
            cause = unpriced > 0 ? ReconciliationCauses.UnpricedModel
                : !Agree(group.CacheReadTokens, trackedCache, options) ? ReconciliationCauses.CacheNotReported
                : ReconciliationCauses.Match;
        }
        else if (gap > 0)
        {
            cause = group.BatchTokens > 0 && trackedBatch == 0 ? ReconciliationCauses.BatchNotTracked : ReconciliationCauses.UninstrumentedCode;
        }
        else
        {
            cause = ReconciliationCauses.TrackedExceedsProvider;
        }

        return new ReconciliationRow(
            group.Day,
            group.Provider,
            string.Join(", ", group.References.Order(StringComparer.Ordinal)),
            group.KeyLabel,
            model,
            group.InputTokens,
            group.OutputTokens,
            group.CacheReadTokens,
            group.BatchTokens,
            group.CostNanoUsd,
            trackedIn,
            trackedOut,
            trackedCache,
            trackedCost,
            events,
            unpriced,
            gap,
            trackedTokens == 0 ? null : decimal.Round(gap * 100m / trackedTokens, 1, MidpointRounding.AwayFromZero),
            cause);
    }

    internal static bool Agree(long a, long b, ReconciliationOptions options)
    {
        var difference = Math.Abs(a - b);
        return difference <= options.ToleranceTokens || difference <= Math.Max(a, b) * options.TolerancePercent / 100m;
    }

    internal static string DisplayName(string provider) => provider switch
    {
        ProviderNames.OpenAI => "OpenAI",
        ProviderNames.Anthropic => "Anthropic",
        _ => provider,
    };

    internal static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
