using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;

namespace Outlay.Cli.Commands;

/// <summary>
/// The totals a migration is verified by, per project: the events' counts and sums (read from the events) and the count
/// of every kind of control row.
/// </summary>
internal static class StoreMigrationTotals
{
    /// <summary>Every day a provider usage row can have.</summary>
    public static readonly DateTimeOffset FirstDay = DateTimeOffset.UnixEpoch;

    /// <summary>See <see cref="FirstDay"/>.</summary>
    public static readonly DateTimeOffset LastDay = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The named totals of one project in one store, in a fixed order.</summary>
    public static async Task<IReadOnlyList<(string Name, long Value)>> ReadAsync(IOutlayStore store, IStoreExport export, string projectId, CancellationToken cancellationToken)
    {
        var events = await export.ReadEventTotalsAsync(projectId, cancellationToken).ConfigureAwait(false);
        var drops = await store.GetClientDropsAsync(projectId, cancellationToken).ConfigureAwait(false);
        return
        [
            ("events", events.Events),
            ("unpriced events", events.UnpricedEvents),
            ("cost (nano-USD)", events.CostNanoUsd),
            ("input tokens", events.InputTokens),
            ("output tokens", events.OutputTokens),
            ("cache read tokens", events.CacheReadTokens),
            ("cache write tokens", events.CacheWriteTokens),
            ("cache write 1h tokens", events.CacheWrite1hTokens),
            ("reasoning tokens", events.ReasoningTokens),
            ("keys", (await store.ListKeysAsync(projectId, cancellationToken).ConfigureAwait(false)).Count),
            ("budgets", (await store.ListBudgetsAsync(projectId, cancellationToken).ConfigureAwait(false)).Count),
            ("budget alerts", (await export.ListAllBudgetAlertsAsync(projectId, cancellationToken).ConfigureAwait(false)).Count),
            ("alert channels", (await store.ListAlertChannelsAsync(projectId, cancellationToken).ConfigureAwait(false)).Count),
            ("findings", (await export.ListAllFindingsAsync(projectId, cancellationToken).ConfigureAwait(false)).Count),
            ("finding snoozes", (await export.ListFindingSnoozesAsync(projectId, cancellationToken).ConfigureAwait(false)).Count),
            ("credential retirements", (await store.ListCredentialRetirementsAsync(projectId, cancellationToken).ConfigureAwait(false)).Count),
            ("provider usage rows", (await store.QueryProviderUsageAsync(projectId, FirstDay, LastDay, cancellationToken).ConfigureAwait(false)).Count),
            ("provider key mappings", (await store.ListProviderKeyMappingsAsync(projectId, cancellationToken).ConfigureAwait(false)).Count),
            ("client drops", drops.QueueFull + drops.RejectedByServer + drops.SendFailed),
        ];
    }
}
