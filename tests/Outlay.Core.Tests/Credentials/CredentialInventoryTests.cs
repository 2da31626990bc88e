using Outlay.Core.Credentials;

namespace Outlay.Core.Tests.Credentials;

/// <summary>The inventory is a pure view over places, hourly usage rows and retirements.</summary>
public sealed class CredentialInventoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static CredentialPlace Place(string label, string service, string env, string instance, string model, int firstHour, int lastHour, long events) =>
        new(label, service, env, instance, model, T0.AddHours(firstHour), T0.AddHours(lastHour), events);

    private static CredentialUsageRow Row(string label, int hour, long cost, long events = 1, string service = "api", string env = "prod", string instance = "i-1", string model = "gpt-4o") =>
        new(T0.AddHours(hour), label, service, env, instance, model, "", events, 100 * events, 10 * events, cost, 0);

    private static CredentialRetirement Retired(string label, int hour, string? replacedBy = null) =>
        new("p", label, T0.AddHours(hour), replacedBy, null, T0, null);

    [Fact]
    public void Summarises_each_dimension_with_first_and_last_seen_and_sums_events()
    {
        var places = new[]
        {
            Place("k1", "api", "prod", "i-1", "gpt-4o", 0, 10, 5),
            Place("k1", "api", "prod", "i-2", "gpt-4o", 2, 30, 7),
            Place("k1", "worker", "staging", "", "gpt-4o-mini", 1, 3, 2),
            Place("k2", "api", "prod", "i-1", "gpt-4o", 5, 6, 1),
        };

        var inventory = CredentialInventory.Build(places, [], []);

        Assert.Equal(["k1", "k2"], inventory.Select(e => e.KeyLabel));
        var k1 = inventory[0];
        Assert.Equal(CredentialState.Active, k1.State);
        Assert.Equal(T0, k1.FirstSeen);
        Assert.Equal(T0.AddHours(30), k1.LastSeen);
        Assert.Equal(14, k1.Events);
        Assert.Equal(["api", "worker"], k1.Services.Select(s => s.Value));
        Assert.Equal(new CredentialSighting("api", T0, T0.AddHours(30), 12), k1.Services[0]);
        Assert.Equal(["prod", "staging"], k1.Environments.Select(s => s.Value));
        Assert.Equal(["i-2", "i-1", ""], k1.Instances.Select(s => s.Value));
        Assert.Equal(new CredentialSighting("gpt-4o-mini", T0.AddHours(1), T0.AddHours(3), 2), k1.Models[1]);
        Assert.Equal(3, k1.Places.Count);
        Assert.Equal("i-2", k1.Places[0].Instance);
    }

    [Fact]
    public void Spend_is_summed_per_utc_day_in_exact_nano_dollars()
    {
        var usage = new[]
        {
            Row("k1", 0, 1_000_000_001),
            Row("k1", 23, 2, events: 3),
            Row("k1", 24, 5),
            Row("k2", 1, 999),
        };

        var k1 = CredentialInventory.Build([], usage, []).Single(e => e.KeyLabel == "k1");

        Assert.Equal(
            [new CredentialDailySpend(new DateOnly(2026, 3, 2), 1_000_000_003, 4, 0, 400, 40), new CredentialDailySpend(new DateOnly(2026, 3, 3), 5, 1, 0, 100, 10)],
            k1.DailySpend);
        Assert.Null(k1.FirstSeen);
    }

    [Fact]
    public void A_retired_label_with_no_later_event_is_retired_and_a_never_seen_retired_label_appears()
    {
        var places = new[] { Place("old", "api", "prod", "i-1", "gpt-4o", 0, 10, 5) };

        var inventory = CredentialInventory.Build(places, [], [Retired("old", 11), Retired("ghost", 0)]);

        var old = inventory.Single(e => e.KeyLabel == "old");
        Assert.Equal(CredentialState.Retired, old.State);
        Assert.Null(old.InUseSince);
        Assert.False(old.IsUsedAfterRetirement(old.Places[0]));
        var ghost = inventory.Single(e => e.KeyLabel == "ghost");
        Assert.Equal(CredentialState.Retired, ghost.State);
        Assert.Empty(ghost.Places);
    }

    [Fact]
    public void An_event_at_the_retirement_instant_counts_as_still_in_use()
    {
        var places = new[] { Place("old", "api", "prod", "i-1", "gpt-4o", 0, 10, 5) };

        var old = CredentialInventory.Build(places, [], [Retired("old", 10)]).Single();

        Assert.Equal(CredentialState.RetiredInUse, old.State);
        Assert.True(old.IsUsedAfterRetirement(old.Places[0]));
    }

    [Fact]
    public void In_use_since_is_exact_for_a_place_first_seen_after_retirement()
    {
        var places = new[]
        {
            Place("old", "api", "prod", "i-1", "gpt-4o", 0, 4, 5),
            Place("old", "api", "prod", "i-9", "gpt-4o", 7, 9, 2),
        };

        var old = CredentialInventory.Build(places, [], [Retired("old", 5)]).Single();

        Assert.Equal(CredentialState.RetiredInUse, old.State);
        Assert.Equal(T0.AddHours(7), old.InUseSince);
        Assert.Equal([true, false], old.Places.Select(old.IsUsedAfterRetirement));
    }

    [Fact]
    public void In_use_since_comes_from_the_usage_hours_when_the_place_was_used_before_and_after()
    {
        var places = new[] { Place("old", "api", "prod", "i-1", "gpt-4o", 0, 12, 9) };
        var retirement = new CredentialRetirement("p", "old", T0.AddHours(5).AddMinutes(30), null, null, T0, null);
        var usage = new[] { Row("old", 0, 1), Row("old", 4, 1), Row("old", 8, 1), Row("old", 12, 1) };

        var withRows = CredentialInventory.Build(places, usage, [retirement]).Single();
        var withoutRows = CredentialInventory.Build(places, [], [retirement]).Single();

        Assert.Equal(T0.AddHours(8), withRows.InUseSince);
        Assert.Equal(retirement.RetiredAt, withoutRows.InUseSince);
    }
}
