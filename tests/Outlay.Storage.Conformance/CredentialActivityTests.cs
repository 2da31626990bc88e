using Outlay.Core.Credentials;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;

namespace Outlay.Storage.Conformance;

/// <summary>
/// Credential activity kept with the events: places (label × service × environment × instance × model, exact first and
/// last seen), hourly usage per place and feature, and retirements.
/// </summary>
public abstract class CredentialActivityTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset T = TestEvents.Hour10;
    private static readonly DateTimeOffset From = RandomEvents.Start.AddDays(-1);
    private static readonly DateTimeOffset To = RandomEvents.Start.AddHours(RandomEvents.Hours).AddDays(1);

    private static PricedEvent Labelled(
        DateTimeOffset at, string? label = "openai-prod", string? instance = "pod-1", long? costNano = 1_000,
        Guid? id = null, string? feature = null, TokenUsage? usage = null)
    {
        var tags = feature is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["feature"] = feature, ["customer"] = "acme" };
        var p = TestEvents.Create(at, costNano: costNano, id: id, environment: "prod", tags: tags, usage: usage);
        return p with { Event = p.Event with { KeyLabel = label, Service = "checkout", Instance = instance } };
    }

    [Fact]
    public async Task Places_and_usage_equal_a_recount_of_a_random_history_with_duplicates_and_richer_copies()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("alpha");
        var other = await temp.ProjectAsync("beta");
        var events = await CredentialHistory.AppendAsync(temp.Store, project, seed: 31, count: 3_000);
        var otherEvents = await CredentialHistory.AppendAsync(temp.Store, other, seed: 32, count: 600);
        var ct = TestContext.Current.CancellationToken;

        var expectedPlaces = CredentialHistory.ExpectedPlaces(events);
        Assert.True(expectedPlaces.Count > 30, $"{expectedPlaces.Count} places");
        Assert.Equal(expectedPlaces, await temp.Store.ListCredentialPlacesAsync(project, null, ct));
        Assert.Equal(CredentialHistory.ExpectedUsage(events), await temp.Store.QueryCredentialUsageAsync(project, From, To, null, ct));
        Assert.Equal(CredentialHistory.ExpectedPlaces(otherEvents), await temp.Store.ListCredentialPlacesAsync(other, null, ct));
        Assert.Equal(CredentialHistory.ExpectedUsage(otherEvents), await temp.Store.QueryCredentialUsageAsync(other, From, To, null, ct));

        // The label filter returns exactly that label's share.
        var shared = events.Where(p => p.Event.KeyLabel == "shared").ToList();
        Assert.NotEmpty(shared);
        Assert.Equal(CredentialHistory.ExpectedPlaces(shared), await temp.Store.ListCredentialPlacesAsync(project, "shared", ct));
        Assert.Equal(CredentialHistory.ExpectedUsage(shared), await temp.Store.QueryCredentialUsageAsync(project, From, To, "shared", ct));

        // A window returns the rows of its whole hours only.
        var windowFrom = RandomEvents.Start.AddHours(5).AddMinutes(30);
        var windowTo = RandomEvents.Start.AddHours(9);
        Assert.Equal(
            CredentialHistory.ExpectedUsage(events).Where(r => r.Hour >= RandomEvents.Start.AddHours(5) && r.Hour < windowTo).ToList(),
            await temp.Store.QueryCredentialUsageAsync(project, windowFrom, windowTo, null, ct));
    }

    [Fact]
    public async Task First_and_last_seen_are_exact_when_batches_arrive_out_of_order_and_duplicates_count_once()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var ct = TestContext.Current.CancellationToken;
        var middle = Labelled(T.AddHours(1).AddMilliseconds(7));
        var latest = Labelled(T.AddHours(2).AddMilliseconds(3));
        var earliest = Labelled(T.AddMilliseconds(1));

        await temp.AppendAsync(project, [middle]);
        await temp.AppendAsync(project, [latest, middle]);
        await temp.AppendAsync(project, [earliest]);
        await temp.Store.AppendEventsAsync(project, [earliest, latest, middle], DuplicatePolicy.KeepRicher, ct);

        var place = Assert.Single(await temp.Store.ListCredentialPlacesAsync(project, null, ct));
        Assert.Equal(new CredentialPlace("openai-prod", "checkout", "prod", "pod-1", "gpt-4o", earliest.Event.Timestamp, latest.Event.Timestamp, 3), place);
        var usage = await temp.Store.QueryCredentialUsageAsync(project, T, T.AddHours(3), "openai-prod", ct);
        Assert.Equal([T, T.AddHours(1), T.AddHours(2)], usage.Select(r => r.Hour));
        Assert.All(usage, r => Assert.Equal((1L, 100L, 10L, 1_000L, 0L), (r.Events, r.InputTokens, r.OutputTokens, r.CostNanoUsd, r.UnpricedEvents)));
    }

    [Fact]
    public async Task Events_without_a_label_are_not_tracked_and_the_feature_comes_from_the_tag()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var ct = TestContext.Current.CancellationToken;

        await temp.AppendAsync(project, [
            Labelled(T, label: null),
            Labelled(T.AddMinutes(1), instance: null, feature: "summarize"),
            Labelled(T.AddMinutes(2), instance: null, feature: "summarize", costNano: null),
            Labelled(T.AddMinutes(3), instance: null),
        ]);

        var place = Assert.Single(await temp.Store.ListCredentialPlacesAsync(project, null, ct));
        Assert.Equal(("openai-prod", "", 3L), (place.KeyLabel, place.Instance, place.Events));
        var usage = await temp.Store.QueryCredentialUsageAsync(project, T, T.AddHours(1), null, ct);
        Assert.Equal(
            [new CredentialUsageRow(T, "openai-prod", "checkout", "prod", "", "gpt-4o", "", 1, 100, 10, 1_000, 0),
             new CredentialUsageRow(T, "openai-prod", "checkout", "prod", "", "gpt-4o", "summarize", 2, 200, 20, 1_000, 1)],
            usage);
    }

    [Fact]
    public async Task A_richer_copy_moving_an_event_elsewhere_recounts_both_places_exactly()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var ct = TestContext.Current.CancellationToken;
        var id = Guid.NewGuid();
        var stays = Labelled(T.AddMinutes(30), instance: "pod-1");
        var moving = Labelled(T.AddMinutes(50), instance: "pod-1", id: id, usage: new TokenUsage(100, 10));
        var alone = Labelled(T.AddMinutes(5), instance: "pod-9");
        await temp.AppendAsync(project, [stays, moving, alone]);

        // The richer copy is earlier and on pod-2: pod-1 loses its last-seen event, pod-2 is new.
        var richer = Labelled(T.AddMinutes(1), instance: "pod-2", id: id, costNano: 2_000, usage: new TokenUsage(100, 10, CacheReadTokens: 40));
        var result = await temp.Store.AppendEventsAsync(project, [richer], DuplicatePolicy.KeepRicher, ct);

        Assert.Equal((0, 1), (result.Accepted, result.Duplicates));
        var expected = CredentialHistory.ExpectedPlaces([stays, richer, alone]);
        Assert.Equal(expected, await temp.Store.ListCredentialPlacesAsync(project, null, ct));
        Assert.Equal(T.AddMinutes(30), expected.Single(p => p.Instance == "pod-1").LastSeen);
        Assert.Equal(CredentialHistory.ExpectedUsage([stays, richer, alone]), await temp.Store.QueryCredentialUsageAsync(project, T, T.AddHours(1), null, ct));

        // The lone event of pod-9 moves away entirely: its place disappears.
        var richerAlone = alone with { Event = alone.Event with { Instance = "pod-2", Usage = new TokenUsage(101, 10) } };
        await temp.Store.AppendEventsAsync(project, [richerAlone], DuplicatePolicy.KeepRicher, ct);
        Assert.Equal(CredentialHistory.ExpectedPlaces([stays, richer, richerAlone]), await temp.Store.ListCredentialPlacesAsync(project, null, ct));
        Assert.DoesNotContain(await temp.Store.ListCredentialPlacesAsync(project, null, ct), p => p.Instance == "pod-9");
    }

    [Fact]
    public async Task Repricing_moves_cost_in_usage_rows_and_leaves_places_unchanged()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var ct = TestContext.Current.CancellationToken;
        var events = CredentialHistory.Events(seed: 41, count: 2_500);
        for (var i = 0; i < events.Count; i += 600)
        {
            await temp.AppendAsync(project, events.Skip(i).Take(600).ToList());
        }

        var places = await temp.Store.ListCredentialPlacesAsync(project, null, ct);
        static CostResult Corrected(StoredUsage u) => u.Model == "o3"
            ? CostResult.Unpriced
            : new CostResult(true, (u.Usage.InputTokens * 3) + (u.Usage.OutputTokens * 11), new Dictionary<string, long>(), "corrected/" + u.Model, u.Model);

        var result = await temp.Store.RepriceAsync(new RepriceRequest(project, From, To), Corrected, ct);

        Assert.True(result.Changed > events.Count / 2, $"changed {result.Changed}");
        var corrected = events.Select(p => p with { Cost = Corrected(new StoredUsage(p.Event.Provider, p.Event.Model, p.Event.Usage, p.Event.ServiceTier, p.Event.Timestamp)) }).ToList();
        Assert.Equal(CredentialHistory.ExpectedUsage(corrected), await temp.Store.QueryCredentialUsageAsync(project, From, To, null, ct));
        Assert.Equal(places, await temp.Store.ListCredentialPlacesAsync(project, null, ct));
    }

    [Fact]
    public async Task Retirements_are_set_replaced_listed_and_deleted_per_project()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var other = await temp.ProjectAsync("other");
        var ct = TestContext.Current.CancellationToken;
        var first = new CredentialRetirement(project, "openai-prod-2026-03", T, null, null, T.AddMinutes(1), null);
        var replaced = new CredentialRetirement(project, "openai-prod-2026-03", T.AddDays(1), "openai-prod-2026-06", "rotated after the incident", T.AddMinutes(2), "key_admin");
        var another = new CredentialRetirement(project, "anthropic-old", T.AddDays(-3), null, null, T, null);
        var elsewhere = new CredentialRetirement(other, "openai-prod-2026-03", T, null, "other project", T, null);

        await temp.Store.SetCredentialRetirementAsync(first, ct);
        await temp.Store.SetCredentialRetirementAsync(another, ct);
        await temp.Store.SetCredentialRetirementAsync(elsewhere, ct);
        Assert.Equal([another, first], await temp.Store.ListCredentialRetirementsAsync(project, ct));

        await temp.Store.SetCredentialRetirementAsync(replaced, ct);
        Assert.Equal([another, replaced], await temp.Store.ListCredentialRetirementsAsync(project, ct));
        Assert.Equal([elsewhere], await temp.Store.ListCredentialRetirementsAsync(other, ct));

        Assert.True(await temp.Store.DeleteCredentialRetirementAsync(project, "openai-prod-2026-03", ct));
        Assert.False(await temp.Store.DeleteCredentialRetirementAsync(project, "openai-prod-2026-03", ct));
        Assert.Equal([another], await temp.Store.ListCredentialRetirementsAsync(project, ct));
        Assert.Equal([elsewhere], await temp.Store.ListCredentialRetirementsAsync(other, ct));
    }

    [Fact]
    public async Task Invalid_labels_notes_and_ranges_are_refused()
    {
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var ct = TestContext.Current.CancellationToken;
        var valid = new CredentialRetirement(project, "label", T, null, null, T, null);

        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.SetCredentialRetirementAsync(valid with { KeyLabel = "" }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.SetCredentialRetirementAsync(valid with { KeyLabel = new string('k', 129) }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.SetCredentialRetirementAsync(valid with { ReplacedBy = new string('k', 129) }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.SetCredentialRetirementAsync(valid with { Note = new string('n', 501) }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.ListCredentialPlacesAsync(project, "", ct));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.QueryCredentialUsageAsync(project, T, T.AddHours(-1), null, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => temp.Store.DeleteCredentialRetirementAsync(project, new string('k', 129), ct));

        await temp.Store.SetCredentialRetirementAsync(valid with { KeyLabel = new string('k', 128), Note = new string('n', 500) }, ct);
        Assert.Single(await temp.Store.ListCredentialRetirementsAsync(project, ct));
    }
}
