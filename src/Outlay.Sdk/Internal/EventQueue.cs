namespace Outlay.Sdk.Internal;

/// <summary>
/// A bounded multi-producer, single-consumer ring buffer (after Vyukov's bounded queue): enqueue is one
/// compare-and-swap and allocates nothing; slots are reused forever.
/// </summary>
internal sealed class EventQueue
{
    private readonly Slot[] _slots;
    private readonly long _mask;
    private readonly long _capacity;

    // Producers (any thread): the next position to claim.
    private long _enqueuePosition;

    // Consumer (the delivery loop) only writes this; producers read it for the bound.
    private long _dequeuePosition;

    public EventQueue(int capacity)
    {
        _capacity = capacity;
        var size = (int)Math.Max(2, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity));
        _slots = new Slot[size];
        for (var i = 0; i < size; i++)
        {
            _slots[i].Sequence = i;
        }

        _mask = size - 1;
    }

    /// <summary>Events ever enqueued.</summary>
    public long EnqueuedCount => Volatile.Read(ref _enqueuePosition);

    /// <summary>Events ever dequeued.</summary>
    public long DequeuedCount => Volatile.Read(ref _dequeuePosition);

    /// <summary>Adds an event unless the queue is full; <paramref name="depth"/> is the queue length just after.</summary>
    public bool TryEnqueue(UsageEvent item, out long depth)
    {
        var position = Volatile.Read(ref _enqueuePosition);
        while (true)
        {
            depth = position + 1 - Volatile.Read(ref _dequeuePosition);
            if (depth > _capacity)
            {
                return false;
            }

            ref var slot = ref _slots[position & _mask];
            var sequence = Volatile.Read(ref slot.Sequence);
            if (sequence == position)
            {
                var seen = Interlocked.CompareExchange(ref _enqueuePosition, position + 1, position);
                if (seen == position)
                {
                    slot.Item = item;
                    Volatile.Write(ref slot.Sequence, position + 1);
                    return true;
                }

                position = seen;
            }
            else if (sequence < position)
            {
                // The consumer has not freed this slot yet: the ring is full.
                return false;
            }
            else
            {
                position = Volatile.Read(ref _enqueuePosition);
            }
        }
    }

    /// <summary>Moves up to <paramref name="destination"/>.Length published events out; consumer thread only.</summary>
    public int DrainTo(UsageEvent[] destination)
    {
        var position = _dequeuePosition;
        var count = 0;
        while (count < destination.Length)
        {
            ref var slot = ref _slots[position & _mask];
            if (Volatile.Read(ref slot.Sequence) != position + 1)
            {
                break; // empty, or a producer is between claiming and publishing this slot
            }

            destination[count++] = slot.Item!;
            slot.Item = null;
            Volatile.Write(ref slot.Sequence, position + _slots.Length);
            position++;
            Volatile.Write(ref _dequeuePosition, position);
        }

        return count;
    }

    private struct Slot
    {
        public UsageEvent? Item;
        public long Sequence;
    }
}
