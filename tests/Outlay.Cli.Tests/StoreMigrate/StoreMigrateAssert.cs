using System.Text.Json;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Querying;
using Outlay.Core.Storage;
using Outlay.Core.Storage.Transfer;

namespace Outlay.Cli.Tests.StoreMigrate;

/// <summary>Compares what two stores answer for a project: spend (several groupings), price usage, credential views and every control row.</summary>
internal static class StoreMigrateAssert
{
    private static readonly string[][] Groupings =
    [
        [], ["model"], ["tag.feature"], ["service", "environment"], ["key_label"], ["provider", "tag.customer"], ["status", "service_tier", "operation"],
    ];

    public static async Task SameAnswersAsync(IOutlayStore expected, IOutlayStore actual, StoreMigrateHistory history)
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var project in history.Projects)
        {
            var id = project.Id;
            Assert.Equal(project, await actual.GetProjectAsync(id, ct));
            foreach (var groupBy in Groupings)
            {
                foreach (var interval in new[] { SpendInterval.None, SpendInterval.Day })
                {
                    var query = new SpendQuery(
                        StoreMigrateHistory.Start, StoreMigrateHistory.End, groupBy.Select(g => SpendDimension.Parse(g, "group_by")).ToList(), interval, []);
                    Same(await expected.QuerySpendAsync(id, query, ct), await actual.QuerySpendAsync(id, query, ct), $"spend by {string.Join(",", groupBy)} {interval}");
                }
            }

            Same(await expected.QueryPriceUsageAsync(id, StoreMigrateHistory.Start, StoreMigrateHistory.End, ct), await actual.QueryPriceUsageAsync(id, StoreMigrateHistory.Start, StoreMigrateHistory.End, ct), "price usage");
            Same(await expected.ListCredentialPlacesAsync(id, null, ct), await actual.ListCredentialPlacesAsync(id, null, ct), "credential places");
            Same(await expected.QueryCredentialUsageAsync(id, StoreMigrateHistory.Start, StoreMigrateHistory.End, null, ct), await actual.QueryCredentialUsageAsync(id, StoreMigrateHistory.Start, StoreMigrateHistory.End, null, ct), "credential usage");
            Same(await expected.ListKeysAsync(id, ct), await actual.ListKeysAsync(id, ct), "keys");
            Same(await expected.ListBudgetsAsync(id, ct), await actual.ListBudgetsAsync(id, ct), "budgets");
            Same(await ((IStoreExport)expected).ListAllBudgetAlertsAsync(id, ct), await ((IStoreExport)actual).ListAllBudgetAlertsAsync(id, ct), "budget alerts");
            Same(await expected.ListAlertChannelsAsync(id, ct), await actual.ListAlertChannelsAsync(id, ct), "channels");
            Same(await expected.ListFindingsAsync(id, new FindingQuery(Limit: 1000), ct), await actual.ListFindingsAsync(id, new FindingQuery(Limit: 1000), ct), "findings");
            Same(await expected.ListCredentialRetirementsAsync(id, ct), await actual.ListCredentialRetirementsAsync(id, ct), "retirements");
            Same(await expected.QueryProviderUsageAsync(id, StoreMigrateHistory.Start, StoreMigrateHistory.End, ct), await actual.QueryProviderUsageAsync(id, StoreMigrateHistory.Start, StoreMigrateHistory.End, ct), "provider usage");
            Same(await expected.ListProviderKeyMappingsAsync(id, ct), await actual.ListProviderKeyMappingsAsync(id, ct), "mappings");
            Same(await expected.GetClientDropsAsync(id, ct), await actual.GetClientDropsAsync(id, ct), "client drops");
            Same(await ((IStoreExport)expected).ReadEventTotalsAsync(id, ct), await ((IStoreExport)actual).ReadEventTotalsAsync(id, ct), "event totals");
        }

        // Keys created at the source authenticate at the destination (same id, same hash).
        foreach (var (text, keyId) in history.Keys)
        {
            var key = await actual.FindKeyAsync(keyId, ct);
            Assert.NotNull(key);
            Assert.True(ApiKeyVerifier.Verify(text, key));
        }

        // No alert fires twice: the history is there, so recording the same alert again loses, and nothing was queued.
        foreach (var alert in history.Alerts)
        {
            Assert.False(await actual.TryRecordBudgetAlertAsync(alert with { FiredAt = alert.FiredAt.AddDays(1) }, ct));
        }

        foreach (var project in history.Projects)
        {
            Assert.Empty(await actual.ListAlertDeliveriesAsync(project.Id, 1000, ct));
        }
    }

    private static void Same<T>(T expected, T actual, string what)
    {
        var e = JsonSerializer.Serialize(expected);
        var a = JsonSerializer.Serialize(actual);
        Assert.True(e == a, $"{what} differ:\nexpected {Clip(e)}\nactual   {Clip(a)}");
    }

    private static string Clip(string text) => text.Length <= 2000 ? text : text[..2000] + "…";
}
