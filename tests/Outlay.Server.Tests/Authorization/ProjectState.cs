using System.Globalization;
using System.Text;
using Outlay.Core.Querying;
using Outlay.Core.Storage;

namespace Outlay.Server.Tests.Authorization;

/// <summary>
/// A text fingerprint of what a project holds (keys and their revocation, budgets, alert channels, retirements,
/// provider key mappings, provider usage rows, a finding's review state, stored events): equal before and after a
/// refused request means the refusal changed nothing.
/// </summary>
internal static class ProjectState
{
    public static async Task<string> ReadAsync(IOutlayStore store, string projectId, Guid? findingId)
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        var text = new StringBuilder();
        foreach (var key in (await store.ListKeysAsync(projectId, ct)).OrderBy(k => k.KeyId, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"key {key.KeyId} revoked={key.RevokedAt is not null};");
        }

        Append(text, "budget", (await store.ListBudgetsAsync(projectId, ct)).Select(b => b.Id));
        Append(text, "channel", (await store.ListAlertChannelsAsync(projectId, ct)).Select(c => c.Id));
        Append(text, "retired", (await store.ListCredentialRetirementsAsync(projectId, ct)).Select(r => r.KeyLabel + "|" + r.Note));
        Append(text, "mapping", (await store.ListProviderKeyMappingsAsync(projectId, ct)).Select(m => m.Provider + "|" + m.ProviderRef + "|" + m.KeyLabel));
        text.Append(CultureInfo.InvariantCulture, $"usage rows={(await store.QueryProviderUsageAsync(projectId, now.AddDays(-30), now, ct)).Count};");
        if (findingId is { } id && await store.GetFindingAsync(projectId, id, ct) is { } finding)
        {
            text.Append(CultureInfo.InvariantCulture, $"finding {finding.Status} ack={finding.AcknowledgedAt:O} snoozed={finding.SnoozedUntil:O};");
        }

        var spend = await store.QuerySpendAsync(projectId, SpendQueryParser.Parse("30d", null, null, null, null, now), ct);
        text.Append(CultureInfo.InvariantCulture, $"events={spend.Rows.Sum(r => r.Events)} cost={spend.TotalCostNanoUsd};");
        return text.ToString();
    }

    private static void Append(StringBuilder text, string what, IEnumerable<string> items)
    {
        foreach (var item in items.Order(StringComparer.Ordinal))
        {
            text.Append(what).Append(' ').Append(item).Append(';');
        }
    }
}
