using System.Text.Json;
using Outlay.Core.Findings;
using Outlay.Storage.Sqlite;

namespace Outlay.Cli.Tests;

/// <summary><c>outlay findings</c>: list with filters, acknowledge, snooze and reopen against a store, project by project.</summary>
public sealed class FindingsCommandTests
{
    [Fact]
    public async Task List_filters_by_status_kind_and_label_and_explains_each_finding()
    {
        using var store = new TempStore();
        var (spike, leak) = await SeedAsync(store);

        var all = await CliRun.InvokeAsync("findings", "list", "--store", store.Spec, "--project", "shop", "--json");
        var byKind = await CliRun.InvokeAsync("findings", "list", "--store", store.Spec, "--project", "shop", "--kind", FindingKinds.SecretInEvent, "--json");
        var byLabel = await CliRun.InvokeAsync("findings", "list", "--store", store.Spec, "--project", "shop", "--label", "openai-prod", "--json");
        var human = await CliRun.InvokeAsync("findings", "list", "--store", store.Spec, "--project", "shop");

        Assert.Equal(0, all.ExitCode);
        using var allJson = JsonDocument.Parse(all.Json);
        var items = allJson.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal([leak, spike], items.Select(i => i.GetProperty("id").GetGuid()));
        var spikeJson = items[1];
        Assert.Equal("spend_spike", spikeJson.GetProperty("kind").GetString());
        Assert.Equal("warning", spikeJson.GetProperty("severity").GetString());
        Assert.Equal("open", spikeJson.GetProperty("status").GetString());
        Assert.Equal("$1.20/h (median of 4 same hours of week)", spikeJson.GetProperty("expected").GetString());
        Assert.Equal("$9.85/h", spikeJson.GetProperty("observed").GetString());
        Assert.Equal("openai-prod", spikeJson.GetProperty("where").GetProperty("key_label").GetString());
        Assert.Equal(2, spikeJson.GetProperty("occurrences").GetInt32());
        Assert.Equal([leak], Ids(byKind));
        Assert.Equal([spike], Ids(byLabel));
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("label openai-prod · service checkout · environment prod", human.Human, StringComparison.Ordinal);
        Assert.Contains("$9.85/h", human.Human, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ack_snooze_and_reopen_change_the_finding_and_the_status_filter_follows()
    {
        using var store = new TempStore();
        var (spike, leak) = await SeedAsync(store);
        var id = spike.ToString();

        var acked = await CliRun.InvokeAsync("findings", "ack", id, "--store", store.Spec, "--project", "shop", "--json");
        var open = await CliRun.InvokeAsync("findings", "list", "--store", store.Spec, "--project", "shop", "--status", "open", "--json");
        var acknowledged = await CliRun.InvokeAsync("findings", "list", "--store", store.Spec, "--project", "shop", "--status", "acknowledged", "--json");
        var before = DateTimeOffset.UtcNow;
        var snoozed = await CliRun.InvokeAsync("findings", "snooze", id, "--for", "24h", "--store", store.Spec, "--project", "shop", "--json");
        var after = DateTimeOffset.UtcNow;
        var reopened = await CliRun.InvokeAsync("findings", "reopen", id, "--store", store.Spec, "--project", "shop");
        var ended = await CliRun.InvokeAsync("findings", "snooze", id, "--end", "--store", store.Spec, "--project", "shop", "--json");

        Assert.Equal(0, acked.ExitCode);
        Assert.Equal("acknowledged", JsonDocument.Parse(acked.Json).RootElement.GetProperty("status").GetString());
        Assert.Equal([leak], Ids(open));
        Assert.Equal([spike], Ids(acknowledged));
        Assert.Equal(0, snoozed.ExitCode);
        var until = JsonDocument.Parse(snoozed.Json).RootElement.GetProperty("snoozed_until").GetDateTimeOffset();
        Assert.InRange(until, before.AddHours(24).AddSeconds(-1), after.AddHours(24).AddSeconds(1));
        Assert.Equal(0, reopened.ExitCode);
        Assert.Contains("now open", reopened.Human, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(ended.Json).RootElement.GetProperty("snoozed_until").ValueKind);
        var stored = await ReadAsync(store, "shop", spike);
        Assert.Equal(FindingStatus.Open, stored.Status);
        Assert.Null(stored.SnoozedUntil);
    }

    [Fact]
    public async Task Another_projects_finding_or_an_unknown_id_is_not_found_and_unchanged()
    {
        using var store = new TempStore();
        var (spike, _) = await SeedAsync(store);
        Assert.Equal(0, (await CliRun.InvokeAsync("keys", "create", "--store", store.Spec, "--project", "other", "--kind", "read")).ExitCode);

        var otherProject = await CliRun.InvokeAsync("findings", "ack", spike.ToString(), "--store", store.Spec, "--project", "other");
        var unknown = await CliRun.InvokeAsync("findings", "reopen", Guid.NewGuid().ToString(), "--store", store.Spec, "--project", "shop");
        var notAnId = await CliRun.InvokeAsync("findings", "snooze", "nope", "--for", "1h", "--store", store.Spec, "--project", "shop");

        Assert.Equal(1, otherProject.ExitCode);
        Assert.Contains(spike.ToString(), otherProject.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal(1, notAnId.ExitCode);
        Assert.Equal(FindingStatus.Open, (await ReadAsync(store, "shop", spike)).Status);
    }

    [Theory]
    [InlineData("list", "--kind", "made_up", "--kind:")]
    [InlineData("list", "--status", "closed", "--status")]
    [InlineData("list", "--limit", "0", "--limit:")]
    [InlineData("snooze", "--for", "91d", "--for:")]
    [InlineData("snooze", "--for", "soon", "--for:")]
    [InlineData("snooze", "--until", "2001-01-01T00:00:00Z", "--until:")]
    [InlineData("snooze", "--until", "whenever", "--until:")]
    public async Task Invalid_options_are_named_and_change_nothing(string command, string option, string value, string named)
    {
        using var store = new TempStore();
        var (spike, _) = await SeedAsync(store);
        string[] args = command == "list"
            ? ["findings", "list", "--store", store.Spec, "--project", "shop", option, value]
            : ["findings", "snooze", spike.ToString(), "--store", store.Spec, "--project", "shop", option, value];

        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(named, run.Error, StringComparison.Ordinal);
        Assert.Null((await ReadAsync(store, "shop", spike)).SnoozedUntil);
    }

    [Fact]
    public async Task Snooze_needs_exactly_one_of_for_until_and_end()
    {
        using var store = new TempStore();
        var (spike, _) = await SeedAsync(store);

        var none = await CliRun.InvokeAsync("findings", "snooze", spike.ToString(), "--store", store.Spec, "--project", "shop");
        var both = await CliRun.InvokeAsync("findings", "snooze", spike.ToString(), "--for", "1h", "--end", "--store", store.Spec, "--project", "shop");

        Assert.Equal(2, none.ExitCode);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("exactly one of --for", both.Error, StringComparison.Ordinal);
    }

    private static List<Guid> Ids(CliRun run)
    {
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Json);
        return json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()).ToList();
    }

    /// <summary>A spend spike seen twice and, seen later, a secret sent as a tag value; returns their ids.</summary>
    private static async Task<(Guid Spike, Guid Leak)> SeedAsync(TempStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var opened = SqliteOutlayStore.Open(store.FilePath);
        await opened.InitializeAsync(ct);
        var project = (await opened.EnsureProjectAsync("shop", ct)).Id;
        var at = DateTimeOffset.UtcNow.AddHours(-3);
        var spike = new FindingObservation(
            project, FindingKinds.SpendSpike, FindingSeverity.Warning, "spend_spike|key_label=openai-prod|h1", "key_label=openai-prod",
            "Spend on key label openai-prod is 8x its usual level for this hour", "Same hour of week, previous 4 weeks.",
            new FindingPlace(KeyLabel: "openai-prod", Service: "checkout", Environment: "prod"),
            "$1.20/h (median of 4 same hours of week)", "$9.85/h", null, at);
        var first = await opened.RecordFindingAsync(spike, ct);
        await opened.RecordFindingAsync(spike with { At = at.AddMinutes(10) }, ct);
        var leak = await opened.RecordFindingAsync(
            new FindingObservation(
                project, FindingKinds.SecretInEvent, FindingSeverity.Critical, "secret_in_event|tags.note|checkout|prod", "tags.note|checkout|prod",
                "An OpenAI key was sent as tag note and refused", "The event was refused; no value was stored.",
                new FindingPlace(Service: "checkout", Environment: "prod"), null, null, "key_1", at.AddHours(1)),
            ct);
        return (first.Finding.Id, leak.Finding.Id);
    }

    private static async Task<Finding> ReadAsync(TempStore store, string projectName, Guid id)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var opened = SqliteOutlayStore.Open(store.FilePath);
        await opened.InitializeAsync(ct);
        var project = (await opened.FindProjectAsync(projectName, ct))!.Id;
        return (await opened.GetFindingAsync(project, id, ct))!;
    }
}
