using Outlay.Core.Alerts;
using Outlay.Core.Findings;

namespace Outlay.Storage.Conformance;

/// <summary>
/// Findings: de-duplication by (project, fingerprint) with occurrences and the highest severity, deliveries queued once
/// per channel only for a new, unsnoozed finding of severity warning or above (also under concurrent recording), snooze
/// by kind and subject, acknowledge and reopen, and listing per project with filters, order and limit.
/// </summary>
public abstract class FindingStoreTests<TFactory> : ConformanceTests<TFactory>
    where TFactory : IConformanceStoreFactory, new()
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_first_observation_creates_a_finding_and_later_ones_count_occurrences_with_the_latest_explanation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");

        var first = await temp.Store.RecordFindingAsync(Observation(project, "spike|label-a|h1", Now, expected: "$1.00/h", observed: "$9.00/h"), ct);
        var second = await temp.Store.RecordFindingAsync(
            Observation(project, "spike|label-a|h1", Now.AddMinutes(10), expected: "$1.00/h", observed: "$12.00/h") with { Summary = "later words" }, ct);
        var late = await temp.Store.RecordFindingAsync(
            Observation(project, "spike|label-a|h1", Now.AddMinutes(-30), expected: "$1.00/h", observed: "$2.00/h") with { Summary = "older words" }, ct);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.False(late.Created);
        Assert.Equal(first.Finding.Id, second.Finding.Id);
        var stored = await temp.Store.GetFindingAsync(project, first.Finding.Id, ct);
        Assert.NotNull(stored);
        Assert.Equal(3, stored.Occurrences);
        Assert.Equal(Now.AddMinutes(-30), stored.FirstSeen);
        Assert.Equal(Now.AddMinutes(10), stored.LastSeen);
        Assert.Equal("later words", stored.Summary);
        Assert.Equal("$12.00/h", stored.Observed);
        Assert.Equal("$1.00/h", stored.Expected);
        Assert.Equal(FindingKinds.SpendSpike, stored.Kind);
        Assert.Equal("spike|label-a", stored.Subject);
        Assert.Equal(new FindingPlace(KeyLabel: "label-a", Service: "checkout", Environment: "prod"), stored.Place);
        Assert.Equal(FindingStatus.Open, stored.Status);
        Assert.Equal(stored, late.Finding);
    }

    [Fact]
    public async Task The_highest_severity_of_any_occurrence_is_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");

        await temp.Store.RecordFindingAsync(Observation(project, "f", Now, FindingSeverity.Info), ct);
        var raised = await temp.Store.RecordFindingAsync(Observation(project, "f", Now.AddMinutes(1), FindingSeverity.Critical), ct);
        var lowered = await temp.Store.RecordFindingAsync(Observation(project, "f", Now.AddMinutes(2), FindingSeverity.Warning), ct);

        Assert.Equal(FindingSeverity.Critical, raised.Finding.Severity);
        Assert.Equal(FindingSeverity.Critical, lowered.Finding.Severity);
        Assert.False(raised.Notified); // not a new finding: only creation notifies
    }

    [Fact]
    public async Task Only_a_new_finding_of_severity_warning_or_above_queues_one_delivery_per_channel_of_its_project()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var other = await temp.ProjectAsync("other");
        await TestChannels.AddAsync(temp, project, Now, "chn_a", "chn_b");
        await TestChannels.AddAsync(temp, other, Now, "chn_c");

        var warning = await temp.Store.RecordFindingAsync(Observation(project, "w", Now, FindingSeverity.Warning), ct);
        var again = await temp.Store.RecordFindingAsync(Observation(project, "w", Now.AddMinutes(1), FindingSeverity.Critical), ct);
        var info = await temp.Store.RecordFindingAsync(Observation(project, "i", Now, FindingSeverity.Info), ct);

        Assert.True(warning.Notified);
        Assert.True(warning.Finding.Notified);
        Assert.False(again.Notified);
        Assert.False(info.Notified);
        Assert.False(info.Finding.Notified);
        var deliveries = await temp.Store.ListAlertDeliveriesAsync(project, 100, ct);
        Assert.Equal(["chn_a", "chn_b"], deliveries.Select(d => d.ChannelId).Order(StringComparer.Ordinal));
        Assert.All(deliveries, d =>
        {
            Assert.Equal(warning.Finding.Id, d.FindingId);
            Assert.Null(d.Alert);
            Assert.Equal(AlertDeliveryState.Pending, d.State);
            Assert.Equal(Now, d.NextAttemptAt);
        });
        Assert.Empty(await temp.Store.ListAlertDeliveriesAsync(other, 100, ct));

        var claimed = await temp.Store.ClaimAlertDeliveriesAsync(Now, TimeSpan.FromMinutes(1), 10, ct);
        Assert.Equal(2, claimed.Count);
        Assert.All(claimed, c =>
        {
            Assert.Null(c.Alert);
            Assert.NotNull(c.Finding);
            Assert.Equal(warning.Finding.Id, c.Finding.Id);
            Assert.Equal(2, c.Finding.Occurrences);
        });
    }

    [Fact]
    public async Task A_project_without_channels_records_a_finding_that_is_not_notified()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");

        var result = await temp.Store.RecordFindingAsync(Observation(project, "c", Now, FindingSeverity.Critical), ct);

        Assert.True(result.Created);
        Assert.False(result.Notified);
        Assert.Empty(await temp.Store.ListAlertDeliveriesAsync(project, 100, ct));
    }

    [Fact]
    public async Task A_snooze_of_kind_and_subject_silences_new_findings_until_it_ends()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await TestChannels.AddAsync(temp, project, Now, "chn_a");
        var first = await temp.Store.RecordFindingAsync(Observation(project, "spike|label-a|h1", Now), ct);

        var snoozed = await temp.Store.SnoozeFindingAsync(project, first.Finding.Id, Now.AddDays(1), ct);
        var during = await temp.Store.RecordFindingAsync(Observation(project, "spike|label-a|h2", Now.AddHours(1)), ct);
        var otherSubject = await temp.Store.RecordFindingAsync(Observation(project, "spike|label-b|h2", Now.AddHours(1)) with { Subject = "spike|label-b" }, ct);
        var otherKind = await temp.Store.RecordFindingAsync(Observation(project, "tokens|label-a|h2", Now.AddHours(1)) with { Kind = FindingKinds.TokenSpike, Subject = "spike|label-a" }, ct);
        var after = await temp.Store.RecordFindingAsync(Observation(project, "spike|label-a|h30", Now.AddDays(1).AddHours(1)), ct);

        Assert.NotNull(snoozed);
        Assert.Equal(Now.AddDays(1), snoozed.SnoozedUntil);
        Assert.True(snoozed.IsSnoozedAt(Now));
        Assert.True(during.Created);
        Assert.False(during.Notified);
        Assert.Equal(Now.AddDays(1), during.Finding.SnoozedUntil);
        Assert.True(otherSubject.Notified);
        Assert.Null(otherSubject.Finding.SnoozedUntil);
        Assert.True(otherKind.Notified);
        Assert.True(after.Notified);
        Assert.False(after.Finding.IsSnoozedAt(after.Finding.FirstSeen));
        Assert.Equal(4, (await temp.Store.ListAlertDeliveriesAsync(project, 100, ct)).Count);

        var ended = await temp.Store.SnoozeFindingAsync(project, first.Finding.Id, null, ct);
        Assert.NotNull(ended);
        Assert.Null(ended.SnoozedUntil);
        var unsnoozed = await temp.Store.RecordFindingAsync(Observation(project, "spike|label-a|h3", Now.AddHours(2)), ct);
        Assert.True(unsnoozed.Notified);
    }

    [Fact]
    public async Task Acknowledge_and_reopen_change_the_status_and_keep_counting_occurrences()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await TestChannels.AddAsync(temp, project, Now, "chn_a");
        var recorded = await temp.Store.RecordFindingAsync(Observation(project, "f", Now), ct);

        var acknowledged = await temp.Store.AcknowledgeFindingAsync(project, recorded.Finding.Id, "key_admin", Now.AddMinutes(5), ct);
        var again = await temp.Store.RecordFindingAsync(Observation(project, "f", Now.AddMinutes(6)), ct);
        var reopened = await temp.Store.ReopenFindingAsync(project, recorded.Finding.Id, ct);

        Assert.NotNull(acknowledged);
        Assert.Equal(FindingStatus.Acknowledged, acknowledged.Status);
        Assert.Equal("acknowledged", acknowledged.StatusName);
        Assert.Equal(Now.AddMinutes(5), acknowledged.AcknowledgedAt);
        Assert.Equal("key_admin", acknowledged.AcknowledgedBy);
        Assert.Equal(FindingStatus.Acknowledged, again.Finding.Status);
        Assert.Equal(2, again.Finding.Occurrences);
        Assert.False(again.Notified);
        Assert.NotNull(reopened);
        Assert.Equal(FindingStatus.Open, reopened.Status);
        Assert.Null(reopened.AcknowledgedAt);
        Assert.Null(reopened.AcknowledgedBy);
        Assert.Single(await temp.Store.ListAlertDeliveriesAsync(project, 100, ct));
    }

    [Fact]
    public async Task Another_project_sees_and_changes_none_of_a_projects_findings()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var other = await temp.ProjectAsync("other");
        var recorded = await temp.Store.RecordFindingAsync(Observation(project, "f", Now), ct);
        var id = recorded.Finding.Id;

        Assert.Null(await temp.Store.GetFindingAsync(other, id, ct));
        Assert.Null(await temp.Store.AcknowledgeFindingAsync(other, id, "k", Now, ct));
        Assert.Null(await temp.Store.SnoozeFindingAsync(other, id, Now.AddDays(1), ct));
        Assert.Null(await temp.Store.ReopenFindingAsync(other, id, ct));
        Assert.Null(await temp.Store.AcknowledgeFindingAsync(project, Guid.NewGuid(), "k", Now, ct));
        Assert.Empty(await temp.Store.ListFindingsAsync(other, new FindingQuery(), ct));
        var otherSame = await temp.Store.RecordFindingAsync(Observation(other, "f", Now), ct);
        Assert.True(otherSame.Created);

        var unchanged = await temp.Store.GetFindingAsync(project, id, ct);
        Assert.NotNull(unchanged);
        Assert.Equal(FindingStatus.Open, unchanged.Status);
        Assert.Null(unchanged.SnoozedUntil);
        Assert.Equal(1, unchanged.Occurrences);
    }

    [Fact]
    public async Task The_list_filters_by_status_kind_and_key_label_latest_seen_first_up_to_the_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        var oldest = await temp.Store.RecordFindingAsync(Observation(project, "a", Now), ct);
        var middle = await temp.Store.RecordFindingAsync(Observation(project, "b", Now.AddHours(1)) with { Kind = FindingKinds.RunawayLoop }, ct);
        var newest = await temp.Store.RecordFindingAsync(
            Observation(project, "c", Now.AddHours(2)) with { Place = new FindingPlace(KeyLabel: "label-z") }, ct);
        await temp.Store.RecordFindingAsync(Observation(project, "a", Now.AddHours(3)), ct); // "a" is now the latest seen
        await temp.Store.AcknowledgeFindingAsync(project, middle.Finding.Id, null, Now, ct);

        var all = await temp.Store.ListFindingsAsync(project, new FindingQuery(), ct);
        Assert.Equal([oldest.Finding.Id, newest.Finding.Id, middle.Finding.Id], all.Select(f => f.Id));
        Assert.Equal([oldest.Finding.Id], (await temp.Store.ListFindingsAsync(project, new FindingQuery(Limit: 1), ct)).Select(f => f.Id));
        Assert.Equal([middle.Finding.Id], (await temp.Store.ListFindingsAsync(project, new FindingQuery(Status: FindingStatus.Acknowledged), ct)).Select(f => f.Id));
        Assert.Equal(
            [oldest.Finding.Id, newest.Finding.Id],
            (await temp.Store.ListFindingsAsync(project, new FindingQuery(Status: FindingStatus.Open), ct)).Select(f => f.Id));
        Assert.Equal([middle.Finding.Id], (await temp.Store.ListFindingsAsync(project, new FindingQuery(Kind: FindingKinds.RunawayLoop), ct)).Select(f => f.Id));
        Assert.Equal([newest.Finding.Id], (await temp.Store.ListFindingsAsync(project, new FindingQuery(KeyLabel: "label-z"), ct)).Select(f => f.Id));
        Assert.Empty(await temp.Store.ListFindingsAsync(project, new FindingQuery(Kind: FindingKinds.NewModel), ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.ListFindingsAsync(project, new FindingQuery(Limit: 0), ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => temp.Store.ListFindingsAsync(project, new FindingQuery(Limit: 1001), ct));
    }

    [Fact]
    public async Task An_observation_the_store_cannot_keep_is_refused_with_the_field_named()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");

        var longFingerprint = await Assert.ThrowsAsync<ArgumentException>(() =>
            temp.Store.RecordFindingAsync(Observation(project, new string('f', FindingObservation.MaxIdentityLength + 1), Now), ct));
        var longSummary = await Assert.ThrowsAsync<ArgumentException>(() =>
            temp.Store.RecordFindingAsync(Observation(project, "f", Now) with { Summary = new string('s', FindingObservation.MaxSummaryLength + 1) }, ct));
        var unknownKind = await Assert.ThrowsAsync<ArgumentException>(() =>
            temp.Store.RecordFindingAsync(Observation(project, "f", Now) with { Kind = "made_up" }, ct));

        Assert.Contains("Fingerprint", longFingerprint.Message, StringComparison.Ordinal);
        Assert.Contains("Summary", longSummary.Message, StringComparison.Ordinal);
        Assert.Contains("made_up", unknownKind.Message, StringComparison.Ordinal);
        Assert.Empty(await temp.Store.ListFindingsAsync(project, new FindingQuery(), ct));
        var longest = await temp.Store.RecordFindingAsync(Observation(project, new string('f', FindingObservation.MaxIdentityLength), Now), ct);
        Assert.True(longest.Created);
    }

    [Fact]
    public async Task Eight_concurrent_recordings_of_one_fingerprint_from_two_stores_make_one_finding_notified_once()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var temp = await CreateStoreAsync();
        var project = await temp.ProjectAsync("app");
        await TestChannels.AddAsync(temp, project, Now, "chn_a", "chn_b");
        await using var otherProcess = await temp.OpenSecondStoreAsync();
        var stores = new[] { temp.Store, otherProcess };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => stores[i % 2].RecordFindingAsync(Observation(project, "same", Now.AddSeconds(i), FindingSeverity.Critical), ct), ct)));

        Assert.Single(results, r => r.Created);
        Assert.Single(results, r => r.Notified);
        Assert.Single(results.Select(r => r.Finding.Id).Distinct());
        var finding = Assert.Single(await temp.Store.ListFindingsAsync(project, new FindingQuery(), ct));
        Assert.Equal(8, finding.Occurrences);
        Assert.True(finding.Notified);
        var deliveries = await temp.Store.ListAlertDeliveriesAsync(project, 100, ct);
        Assert.Equal(["chn_a", "chn_b"], deliveries.Select(d => d.ChannelId).Order(StringComparer.Ordinal));
    }

    private static FindingObservation Observation(
        string project, string fingerprint, DateTimeOffset at, FindingSeverity severity = FindingSeverity.Warning, string? expected = null, string? observed = null)
    {
        // The subject is the fingerprint without its last part (the episode), as detectors build it.
        var cut = fingerprint.LastIndexOf('|');
        var subject = cut > 0 ? fingerprint[..cut] : fingerprint;
        return new FindingObservation(
            project, FindingKinds.SpendSpike, severity, fingerprint, subject, "Spend of label-a far above its baseline", "Detail words.",
            new FindingPlace(KeyLabel: "label-a", Service: "checkout", Environment: "prod"), expected, observed, null, at);
    }

}
