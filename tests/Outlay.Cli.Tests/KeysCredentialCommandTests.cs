using System.Text.Json;
using Outlay.Core.Events;
using Outlay.Core.Pricing;
using Outlay.Core.Storage;
using Outlay.Storage.Sqlite;

namespace Outlay.Cli.Tests;

/// <summary><c>outlay keys where|labels|retire|unretire|rotation</c> against a real SQLite store seeded with labelled events.</summary>
public sealed class KeysCredentialCommandTests
{
    private static readonly DateTimeOffset Now = TruncatedNow();

    [Fact]
    public async Task Where_lists_every_place_a_label_is_used_with_first_and_last_seen()
    {
        using var store = new TempStore();
        await SeedAsync(store,
            Event("openai-prod", "checkout", "prod", "i-1", Now.AddHours(-5)),
            Event("openai-prod", "checkout", "prod", "i-1", Now.AddHours(-4)),
            Event("openai-prod", "search", "prod", "s-7", Now.AddHours(-1)),
            Event("openai-dev", "search", "dev", "laptop", Now.AddHours(-1)));

        var json = await CliRun.InvokeAsync("keys", "where", "openai-prod", "--store", store.Spec, "--project", "shop", "--json");
        Assert.True(json.ExitCode == 0, json.Error);
        using var document = JsonDocument.Parse(json.Json);
        var root = document.RootElement;
        Assert.Equal("active", root.GetProperty("state").GetString());
        Assert.Equal(3, root.GetProperty("events").GetInt64());
        var places = root.GetProperty("places").EnumerateArray()
            .Select(p => (p.GetProperty("service").GetString(), p.GetProperty("instance").GetString(), p.GetProperty("first_seen").GetDateTimeOffset(), p.GetProperty("last_seen").GetDateTimeOffset()))
            .ToList();
        Assert.Equal([("search", "s-7", Now.AddHours(-1), Now.AddHours(-1)), ("checkout", "i-1", Now.AddHours(-5), Now.AddHours(-4))], places);
        Assert.Equal(3, root.GetProperty("daily_spend").EnumerateArray().Sum(d => d.GetProperty("events").GetInt64()));

        var human = await CliRun.InvokeAsync("keys", "where", "openai-prod", "--store", store.Spec, "--project", "shop");
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("Key label openai-prod: active.", human.Human, StringComparison.Ordinal);
        Assert.Contains("s-7", human.Human, StringComparison.Ordinal);
        Assert.Contains("checkout", human.Human, StringComparison.Ordinal);
        Assert.DoesNotContain("laptop", human.Human, StringComparison.Ordinal);

        var labels = await CliRun.InvokeAsync("keys", "labels", "--store", store.Spec, "--project", "shop", "--json");
        using var labelsJson = JsonDocument.Parse(labels.Json);
        Assert.Equal(["openai-dev", "openai-prod"], labelsJson.RootElement.GetProperty("credentials").EnumerateArray().Select(c => c.GetProperty("key_label").GetString()));

        var unknown = await CliRun.InvokeAsync("keys", "where", "nobody-uses-this", "--store", store.Spec, "--project", "shop");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("has not been seen or retired", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retire_marks_the_label_and_says_when_it_is_still_in_use()
    {
        using var store = new TempStore();
        await SeedAsync(store,
            Event("old-key", "checkout", "prod", "i-1", Now.AddHours(-5)),
            Event("old-key", "checkout", "prod", "i-2", Now.AddMinutes(-10)));

        var retired = await CliRun.InvokeAsync("keys", "retire", "old-key", "--store", store.Spec, "--project", "shop", "--at", "1h", "--replaced-by", "new-key", "--note", "rotated");
        Assert.True(retired.ExitCode == 0, retired.Error);
        Assert.Contains("Retired key label old-key", retired.Human, StringComparison.Ordinal);
        Assert.Contains("replaced by new-key", retired.Human, StringComparison.Ordinal);
        Assert.Contains("Still in use", retired.Human, StringComparison.Ordinal);
        Assert.Contains("1 place(s)", retired.Human, StringComparison.Ordinal);

        var where = await CliRun.InvokeAsync("keys", "where", "old-key", "--store", store.Spec, "--project", "shop", "--json");
        using (var document = JsonDocument.Parse(where.Json))
        {
            var root = document.RootElement;
            Assert.Equal("retired_in_use", root.GetProperty("state").GetString());
            Assert.Equal("rotated", root.GetProperty("retirement").GetProperty("note").GetString());
            var after = root.GetProperty("places").EnumerateArray().Where(p => p.GetProperty("used_after_retirement").GetBoolean()).Select(p => p.GetProperty("instance").GetString());
            Assert.Equal(["i-2"], after);
        }

        var bad = await CliRun.InvokeAsync("keys", "retire", "old-key", "--store", store.Spec, "--project", "shop", "--at", "someday");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--at:", bad.Error, StringComparison.Ordinal);
        var same = await CliRun.InvokeAsync("keys", "retire", "old-key", "--store", store.Spec, "--project", "shop", "--replaced-by", "old-key");
        Assert.Equal(2, same.ExitCode);
        Assert.Contains("--replaced-by:", same.Error, StringComparison.Ordinal);

        Assert.Equal(0, (await CliRun.InvokeAsync("keys", "unretire", "old-key", "--store", store.Spec, "--project", "shop")).ExitCode);
        Assert.Equal(1, (await CliRun.InvokeAsync("keys", "unretire", "old-key", "--store", store.Spec, "--project", "shop")).ExitCode);
        var active = await CliRun.InvokeAsync("keys", "where", "old-key", "--store", store.Spec, "--project", "shop");
        Assert.Contains("Key label old-key: active.", active.Human, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotation_shows_which_instances_moved_to_the_new_label()
    {
        using var store = new TempStore();
        await SeedAsync(store,
            Event("old-key", "api", "prod", "i-1", Now.AddHours(-3)),
            Event("old-key", "api", "prod", "i-2", Now.AddHours(-3)),
            Event("old-key", "api", "prod", "i-3", Now.AddHours(-3)),
            Event("new-key", "api", "prod", "i-1", Now.AddHours(-1)),
            Event("new-key", "api", "prod", "i-2", Now.AddHours(-1)),
            Event("old-key", "api", "prod", "i-2", Now.AddMinutes(-20)));

        var noTarget = await CliRun.InvokeAsync("keys", "rotation", "old-key", "--store", store.Spec, "--project", "shop");
        Assert.Equal(2, noTarget.ExitCode);
        Assert.Contains("--to:", noTarget.Error, StringComparison.Ordinal);

        var json = await CliRun.InvokeAsync("keys", "rotation", "old-key", "--to", "new-key", "--store", store.Spec, "--project", "shop", "--json");
        Assert.True(json.ExitCode == 0, json.Error);
        using var document = JsonDocument.Parse(json.Json);
        Assert.Equal(
            [("i-3", "not_moved"), ("i-2", "both"), ("i-1", "moved")],
            document.RootElement.GetProperty("places").EnumerateArray().Select(p => (p.GetProperty("instance").GetString(), p.GetProperty("status").GetString())));

        Assert.Equal(0, (await CliRun.InvokeAsync("keys", "retire", "old-key", "--store", store.Spec, "--project", "shop", "--replaced-by", "new-key")).ExitCode);
        var human = await CliRun.InvokeAsync("keys", "rotation", "old-key", "--store", store.Spec, "--project", "shop");
        Assert.Equal(0, human.ExitCode);
        Assert.Contains("Rotation from old-key to new-key: 1 not moved, 1 using both, 1 moved.", human.Human, StringComparison.Ordinal);
        Assert.Contains("not_moved", human.Human, StringComparison.Ordinal);
    }

    private static UsageEvent Event(string label, string service, string environment, string instance, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        Timestamp = at,
        Provider = "openai",
        Model = "gpt-4o-mini-2024-07-18",
        Usage = new TokenUsage(1_000, 200, 0),
        Service = service,
        Environment = environment,
        Instance = instance,
        KeyLabel = label,
    };

    private static async Task SeedAsync(TempStore store, params UsageEvent[] events)
    {
        var calculator = new CostCalculator(PriceCatalog.BuiltIn);
        await using var opened = SqliteOutlayStore.Open(store.FilePath);
        await opened.InitializeAsync(TestContext.Current.CancellationToken);
        var project = await opened.EnsureProjectAsync("shop", TestContext.Current.CancellationToken);
        await opened.AppendEventsAsync(
            project.Id,
            events.Select(e => new PricedEvent(e, calculator.Calculate(e.Provider, e.Model, e.Usage, e.ServiceTier, e.Timestamp), e.Timestamp)).ToList(),
            TestContext.Current.CancellationToken);
    }

    private static DateTimeOffset TruncatedNow()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerSecond));
    }
}
