using Outlay.Core.Alerts;
using Outlay.Core.Budgets;
using Outlay.Core.Credentials;
using Outlay.Core.Events;
using Outlay.Core.Findings;
using Outlay.Core.Keys;
using Outlay.Core.Pricing;
using Outlay.Core.Reconciliation;
using Outlay.Core.Storage;

namespace Outlay.Cli.Tests.StoreMigrate;

/// <summary>
/// A realistic history written into a store through its ordinary methods: three projects with keys (one revoked),
/// budgets with fired alerts (and their queued deliveries), channels, findings open, acknowledged and snoozed,
/// retirements, provider usage and mappings, client drops, and events with tags, some unpriced, some repriced.
/// </summary>
internal sealed class StoreMigrateHistory
{
    public static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset End = Start.AddDays(40);

    public static readonly string[] ProjectNames = ["shop", "search", "internal"];

    private static readonly string[] Models = ["gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "o3"];

    private static readonly string[] Features = ["checkout", "recommend", "support", "summarize", "translate"];

    public List<ProjectRecord> Projects { get; } = [];

    /// <summary>Each created key's text and id, to check it still authenticates at the destination.</summary>
    public List<(string KeyText, string KeyId)> Keys { get; } = [];

    public List<BudgetAlert> Alerts { get; } = [];

    public static async Task<StoreMigrateHistory> WriteAsync(IOutlayStore store, int events, CancellationToken cancellationToken)
    {
        var history = new StoreMigrateHistory();
        var random = new Random(20261124);
        foreach (var name in ProjectNames)
        {
            history.Projects.Add(await store.EnsureProjectAsync(name, cancellationToken));
        }

        for (var p = 0; p < history.Projects.Count; p++)
        {
            var id = history.Projects[p].Id;
            foreach (var kind in new[] { ApiKeyKind.Ingest, ApiKeyKind.Read, ApiKeyKind.Admin })
            {
                var (text, record) = ApiKeyFactory.Create(kind, id, kind == ApiKeyKind.Ingest ? ["prod"] : null, "key " + kind, Start);
                await store.AddKeyAsync(record, cancellationToken);
                history.Keys.Add((text, record.KeyId));
            }

            await store.RevokeKeyAsync(history.Keys[^3].KeyId, Start.AddDays(3), cancellationToken);
            var budget = new BudgetDefinition(
                "bud_" + p, id, "monthly " + p, [], 50_000_000_000L, new BudgetPeriod(BudgetPeriodKind.Month, TimeZoneInfo.Utc, null), [50, 80, 100], Start);
            await store.AddBudgetAsync(budget, cancellationToken);
            await store.AddAlertChannelAsync(
                new AlertChannel("ch_" + p, id, "ops", AlertChannelKind.Slack, "https://hooks.slack.com/…/…X" + p, [9, 8, 7, (byte)p], Start), cancellationToken);
            foreach (var threshold in new[] { 50, 80 })
            {
                var alert = new BudgetAlert(id, budget.Id, budget.Name, Start, BudgetAlertKind.Threshold, threshold, Start.AddDays(10 + threshold / 10), 40_000_000_000L, 50_000_000_000L, threshold + "%");
                Assert.True(await store.TryRecordBudgetAlertAsync(alert, cancellationToken));
                history.Alerts.Add(alert);
            }

            for (var f = 0; f < 3; f++)
            {
                var observation = new FindingObservation(
                    id, FindingKinds.RetiredCredentialInUse, FindingSeverity.Warning, "fp-" + f, "label-" + f, "Retired key label-" + f + " in use",
                    "seen in checkout", new FindingPlace(KeyLabel: "label-" + f, Service: "checkout", Environment: "prod"), null, null, null, Start.AddDays(f));
                var recorded = await store.RecordFindingAsync(observation, cancellationToken);
                await store.RecordFindingAsync(observation with { At = Start.AddDays(f + 1) }, cancellationToken);
                if (f == 1)
                {
                    await store.AcknowledgeFindingAsync(id, recorded.Finding.Id, "ana", Start.AddDays(5), cancellationToken);
                }
                else if (f == 2)
                {
                    await store.SnoozeFindingAsync(id, recorded.Finding.Id, End.AddDays(30), cancellationToken);
                }
            }

            await store.SetCredentialRetirementAsync(new CredentialRetirement(id, "label-0", Start.AddDays(2), "label-9", "rotated", Start.AddDays(2), "ana"), cancellationToken);
            await store.UpsertProviderUsageAsync(
                id,
                [
                    new ProviderUsageRecord("openai", Start, "key_a" + p, "", "gpt-4o", "default", 10, 1000, 100, 0, 0, 123_456, "csv", Start),
                    new ProviderUsageRecord("openai", Start.AddDays(1), "key_a" + p, "", "", "", null, 0, 0, 0, 0, 99_000, "csv", Start),
                ],
                cancellationToken);
            await store.SetProviderKeyMappingAsync(new ProviderKeyMapping(id, "openai", "key_a" + p, "label-0", Start), cancellationToken);
            await store.RecordClientDropsAsync(id, new ClientDropReport(3 + p, 2, 1), cancellationToken);
        }

        var batches = history.Projects.ToDictionary(p => p.Id, _ => new List<PricedEvent>(1000), StringComparer.Ordinal);
        for (var i = 0; i < events; i++)
        {
            var project = history.Projects[i % history.Projects.Count].Id;
            var model = Models[random.Next(Models.Length)];
            var at = Start.AddMilliseconds(random.NextInt64((long)(End - Start).TotalMilliseconds));
            var e = new UsageEvent
            {
                Id = Guid.NewGuid(),
                Timestamp = at,
                Provider = model.StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : "openai",
                Model = model,
                Usage = new TokenUsage(random.Next(1, 20_000), random.Next(0, 4_000), random.Next(0, 500), random.Next(0, 100), 0, random.Next(0, 50)),
                Service = random.Next(4) == 0 ? null : "svc-" + random.Next(3),
                Environment = random.Next(2) == 0 ? "prod" : "staging",
                Instance = "pod-" + random.Next(5),
                KeyLabel = "label-" + random.Next(3),
                Status = random.Next(20) == 0 ? EventStatuses.Error : EventStatuses.Ok,
                LatencyMs = random.Next(10, 5_000),
                Tags = new Dictionary<string, string> { ["feature"] = Features[random.Next(Features.Length)], ["customer"] = "c" + random.Next(40) },
                ClientCostUsd = random.Next(3) == 0 ? random.Next(1, 100_000) / 1_000_000m : null,
            };
            var cost = random.Next(25) == 0
                ? CostResult.Unpriced
                : new CostResult(true, random.NextInt64(1, 50_000_000), new Dictionary<string, long>(), e.Provider + "/" + model, model);
            var batch = batches[project];
            batch.Add(new PricedEvent(e, cost, at.AddMilliseconds(random.Next(1, 900))));
            if (batch.Count == 1000)
            {
                await store.AppendEventsAsync(project, batch, cancellationToken);
                batch.Clear();
            }
        }

        foreach (var (project, batch) in batches)
        {
            if (batch.Count > 0)
            {
                await store.AppendEventsAsync(project, batch, cancellationToken);
            }
        }

        // A price correction for one model: its stored costs differ from what ingest priced.
        await store.RepriceAsync(
            new RepriceRequest(null, Start, End, "openai", "gpt-4o-mini"),
            usage => new CostResult(true, usage.Usage.InputTokens * 150 + usage.Usage.OutputTokens * 600, new Dictionary<string, long>(), "openai/gpt-4o-mini@fix", "gpt-4o-mini"),
            cancellationToken);
        return history;
    }
}
