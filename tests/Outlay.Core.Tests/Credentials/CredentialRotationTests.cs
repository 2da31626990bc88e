using Outlay.Core.Credentials;

namespace Outlay.Core.Tests.Credentials;

/// <summary>The rotation view says, per service × environment × instance, whether a place has moved to the new label.</summary>
public sealed class CredentialRotationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static CredentialPlace Place(string label, string instance, int firstHour, int lastHour, string model = "gpt-4o") =>
        new(label, "api", "prod", instance, model, T0.AddHours(firstHour), T0.AddHours(lastHour), 1);

    [Fact]
    public void A_half_moved_fleet_lists_moved_both_and_not_moved_places()
    {
        var places = new[]
        {
            Place("old", "i-1", 0, 10),
            Place("new", "i-1", 11, 20),         // moved: old last seen before new first seen
            Place("old", "i-2", 0, 15),
            Place("new", "i-2", 12, 20),         // both: old still used after new appeared
            Place("old", "i-3", 0, 20),          // not moved
            Place("new", "i-4", 5, 6),           // only the new label: moved
            Place("other", "i-5", 0, 20),        // another label: ignored
        };

        var rotation = CredentialRotation.Build("old", "new", places);

        Assert.Equal(
            [("i-3", CredentialRotationStatus.NotMoved), ("i-2", CredentialRotationStatus.Both), ("i-1", CredentialRotationStatus.Moved), ("i-4", CredentialRotationStatus.Moved)],
            rotation.Places.Select(p => (p.Instance, p.Status)));
        Assert.Equal((2, 1, 1), (rotation.MovedCount, rotation.BothCount, rotation.NotMovedCount));
        var both = rotation.Places[1];
        Assert.Equal((T0, T0.AddHours(15), T0.AddHours(12), T0.AddHours(20)), (both.OldFirstSeen!.Value, both.OldLastSeen!.Value, both.NewFirstSeen!.Value, both.NewLastSeen!.Value));
        var newOnly = rotation.Places[3];
        Assert.Null(newOnly.OldLastSeen);
    }

    [Fact]
    public void Models_are_merged_into_one_place()
    {
        var places = new[]
        {
            Place("old", "i-1", 0, 10, "gpt-4o"),
            Place("old", "i-1", 0, 14, "gpt-4o-mini"),
            Place("new", "i-1", 12, 20, "gpt-4o"),
        };

        var place = Assert.Single(CredentialRotation.Build("old", "new", places).Places);

        Assert.Equal(CredentialRotationStatus.Both, place.Status);
        Assert.Equal(T0.AddHours(14), place.OldLastSeen);
    }

    [Fact]
    public void The_old_label_used_at_the_instant_the_new_one_appeared_is_both()
    {
        var places = new[] { Place("old", "i-1", 0, 10), Place("new", "i-1", 10, 20) };

        Assert.Equal(CredentialRotationStatus.Both, Assert.Single(CredentialRotation.Build("old", "new", places).Places).Status);
    }

    [Fact]
    public void The_same_label_twice_is_refused() =>
        Assert.Throws<ArgumentException>(() => CredentialRotation.Build("old", "old", []));
}
