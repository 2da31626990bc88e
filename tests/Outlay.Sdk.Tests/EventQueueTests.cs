using Outlay.Sdk.Internal;

namespace Outlay.Sdk.Tests;

public sealed class EventQueueTests
{
    [Fact]
    public void Holds_exactly_its_capacity_and_reuses_slots_after_draining()
    {
        var queue = new EventQueue(5);
        var events = Enumerable.Range(0, 6).Select(i => new UsageEvent { Model = $"m{i}" }).ToArray();

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 5; i++)
            {
                Assert.True(queue.TryEnqueue(events[i], out var depth));
                Assert.Equal(i + 1, depth);
            }

            Assert.False(queue.TryEnqueue(events[5], out _));
            var drained = new UsageEvent[8];
            Assert.Equal(5, queue.DrainTo(drained));
            Assert.Equal(events[..5], drained[..5]);
        }

        Assert.Equal(15, queue.EnqueuedCount);
        Assert.Equal(15, queue.DequeuedCount);
    }

    [Fact]
    public void Drains_at_most_the_destination_length_in_order()
    {
        var queue = new EventQueue(16);
        var events = Enumerable.Range(0, 10).Select(i => new UsageEvent { Model = $"m{i}" }).ToArray();
        foreach (var e in events)
        {
            queue.TryEnqueue(e, out _);
        }

        var first = new UsageEvent[4];
        var rest = new UsageEvent[16];

        Assert.Equal(4, queue.DrainTo(first));
        Assert.Equal(6, queue.DrainTo(rest));
        Assert.Equal(events, first.Concat(rest.Take(6)));
        Assert.Equal(0, queue.DrainTo(rest));
    }
}
